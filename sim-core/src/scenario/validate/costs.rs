//! Validation of the `[costs]` table: every cost within the range of its unit.

use crate::costs::CostTable;
use crate::scenario::error::{msg, Key};
use crate::scenario::limits::cost_range;
use crate::scenario::{ScenarioError, Validator};

pub(super) fn validate_costs(v: &Validator<'_>, costs: &CostTable) -> Result<(), ScenarioError> {
    for (row, (name, value)) in CostTable::SOURCES.iter().zip(costs.values()) {
        let (low, high) = cost_range(row.unit);
        if value < low || value > high {
            // A cost the file does not write (set by `Scenario::with_cost`) has no place of
            // its own: the error goes to the [costs] table, or to the scenario's name.
            let at = [
                &[Key::Name("costs"), Key::Name(name)][..],
                &[Key::Name("costs")],
                &[Key::Name("scenario"), Key::Name("name")],
            ]
            .iter()
            .map(|path| v.span_of(path))
            .find(|span| !span.is_empty())
            .unwrap_or_default();
            return Err(v.error(
                at,
                msg!(
                    "out_of_range",
                    "{field} must be between {min} and {max} {unit}; got {got}",
                    "{field} 값은 {min}에서 {max} {unit} 사이여야 합니다. 입력값: {got}",
                    field = format!("costs.{name}"),
                    // Grouped as every range's bounds are ("1,000,000,000": `error`).
                    min = low,
                    max = high,
                    unit = row.unit,
                    got = value
                ),
            ));
        }
    }
    Ok(())
}

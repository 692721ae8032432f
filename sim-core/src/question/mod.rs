//! Coursework questions: the metrics a question can ask about, a computed answer's type
//! (`QuestionAnswer`), and reading and writing the numbers students give (the answers
//! themselves are computed in `runner/question_answers.rs`).
//!
//! The folder, by what each file holds: `metric.rs` the metrics a question may ask about
//! ([`Metric`], [`QuestionKind`], [`Select`]); `answer.rs` the computed answer
//! ([`QuestionAnswer`]: its JSON, grading, ties); `numbers.rs` how answers are printed and
//! how the numbers students type are read ([`parse_number`], [`read_number_in`],
//! [`shown_decimals`], and [`printed_figures`], the CLI's rule for a line of figures);
//! `placeholder.rs` the figures a scenario's texts quote from the run (`{metric:platform}`).

mod answer;
mod metric;
mod numbers;
pub mod placeholder;
#[cfg(test)]
mod tests;

pub use answer::{QuestionAnswer, ShownTie, NEAR_TIE_RELATIVE};
pub use metric::{Metric, QuestionKind, Select};
pub use numbers::{
    accepted_answers_in, converted_from, expected_figure_of, fraction_for_percent, half_width,
    numeric_text, parse_number, printed_figure, printed_figures, read_number_in, shown_decimals,
    PRINTED_DECIMALS, PRINTED_HALF_UNIT, VISIBLE_DIFFERENCE_RELATIVE,
};

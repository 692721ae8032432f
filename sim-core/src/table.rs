//! The seed document's comparison table (구분 / Hardware / Desktop / OS-level): its rows,
//! columns and words, as data. The runner fills it with a run's measured figures
//! (`runner/comparison_table.rs`).

use serde::{Deserialize, Serialize};

use crate::platform::PlatformKind;
use crate::text::Text;

/// A row of the seed's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TableRow {
    ExecutionEnvironment,
    Kernel,
    Isolation,
    Performance,
    OsRequirement,
    Management,
}

impl TableRow {
    pub const ALL: [TableRow; 6] = [
        TableRow::ExecutionEnvironment,
        TableRow::Kernel,
        TableRow::Isolation,
        TableRow::Performance,
        TableRow::OsRequirement,
        TableRow::Management,
    ];

    /// The row heading as the seed writes it, with its English translation.
    pub fn heading(self) -> Text {
        match self {
            TableRow::ExecutionEnvironment => Text::new("Execution environment", "실행 환경"),
            TableRow::Kernel => Text::new("Kernel", "커널"),
            TableRow::Isolation => Text::new("Isolation level", "격리 수준"),
            TableRow::Performance => Text::new("Performance", "성능"),
            TableRow::OsRequirement => Text::new("OS requirement", "OS 유무"),
            TableRow::Management => Text::new("Management / setup", "관리/설정"),
        }
    }
}

/// The class of virtualization a platform belongs to: the seed's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SeedColumn {
    /// Not in the seed's table: the bare-metal reference.
    Native,
    Hardware,
    Desktop,
    OsLevel,
}

impl SeedColumn {
    pub fn of(kind: PlatformKind) -> SeedColumn {
        match kind {
            PlatformKind::Native => SeedColumn::Native,
            PlatformKind::Type1 | PlatformKind::Type2 => SeedColumn::Hardware,
            PlatformKind::Container => SeedColumn::OsLevel,
            PlatformKind::Vdi => SeedColumn::Desktop,
        }
    }

    pub fn heading(self) -> Text {
        match self {
            SeedColumn::Native => Text::new(
                "Native (baseline; not in the overview's table)",
                "네이티브 (기준, 개요 문서의 표에는 없음)",
            ),
            // The seed's Korean table keeps the English column names; the Korean text
            // says what they stand for first and quotes the seed's words after it.
            SeedColumn::Hardware => Text::new("Hardware", "하드웨어 가상화 (Hardware)"),
            SeedColumn::Desktop => Text::new("Desktop", "데스크톱 가상화 (Desktop)"),
            SeedColumn::OsLevel => Text::new("OS-level", "OS 수준 가상화 (OS-level)"),
        }
    }

    /// The seed's own words for a cell.
    pub fn seed_text(self, row: TableRow) -> Text {
        use SeedColumn::*;
        use TableRow::*;
        match (self, row) {
            (Hardware, ExecutionEnvironment) => {
                Text::new("Runs independent VMs", "독립적인 VM 실행")
            }
            (Desktop, ExecutionEnvironment) => Text::new(
                "Central server provides virtual desktops",
                "중앙 서버에서 가상 데스크탑 제공",
            ),
            (OsLevel, ExecutionEnvironment) => {
                Text::new("Runs on the host OS", "호스트 OS 위에서 실행")
            }
            (Hardware | Desktop, Kernel) => Text::new("Independent per VM", "VM마다 독립적"),
            (OsLevel, Kernel) => Text::new("Shares the host OS kernel", "호스트 OS 커널 공유"),
            (Hardware, Isolation) => Text::new("Very high", "매우 높음"),
            (Desktop, Isolation) => Text::new("High", "높음"),
            (OsLevel, Isolation) => Text::new("Process-level isolation", "프로세스 단위 격리"),
            (Hardware, Performance) => Text::new("High", "높음"),
            (Desktop, Performance) => Text::new("Medium", "중간"),
            (OsLevel, Performance) => Text::new("Lightweight / fast", "경량 / 빠름"),
            (Hardware | Desktop, OsRequirement) => Text::new("Needs its own OS", "독립 OS 필요"),
            (OsLevel, OsRequirement) => Text::new("Needs only the host OS", "호스트 OS만 필요"),
            (Hardware, Management) => Text::new("Needs a hypervisor", "하이퍼바이저 필요"),
            (Desktop, Management) => {
                Text::new("Needs a central management server", "중앙 관리 서버 필요")
            }
            (OsLevel, Management) => {
                Text::new("Managed by a container engine", "컨테이너 엔진으로 관리")
            }
            (Native, ExecutionEnvironment) => {
                Text::new("Programs on the bare-metal OS", "베어메탈 OS 위의 프로그램")
            }
            (Native, Kernel) => Text::new("One kernel", "커널 하나"),
            (Native, Isolation) => Text::new("OS processes only", "OS 프로세스 격리만"),
            (Native, Performance) => Text::new("Reference", "기준"),
            (Native, OsRequirement) => Text::new("One OS", "OS 하나"),
            (Native, Management) => Text::new("Nothing extra", "추가 없음"),
        }
    }
}

/// One cell: the seed's words and what this run measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TableCell {
    pub seed: Text,
    pub measured: Text,
}

/// A column: one platform of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TableColumn {
    pub platform: String,
    pub class: SeedColumn,
    pub heading: Text,
    /// Cells in the order of [`TableRow::ALL`].
    pub cells: Vec<TableCell>,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComparisonTable {
    pub rows: Vec<TableRow>,
    pub row_headings: Vec<Text>,
    pub columns: Vec<TableColumn>,
    /// The explanations that cells share, each said once under the table, as a printed
    /// table's notes: a cell that needs one carries its mark ("steal¹ 52.3%"). In the order
    /// their marks first appear, reading the rows from the top, each row's cells from the
    /// left. Results written before the notes existed read as a table without notes.
    #[serde(default)]
    pub notes: Vec<TableNote>,
}

/// A note under the comparison table: its mark, as the cells that refer to it carry it
/// (¹, ², …), and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TableNote {
    pub mark: String,
    pub text: Text,
}

/// The mark of the `n`th note (from 1) in superscript digits: ¹, ², …, ¹⁰.
pub fn note_mark(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_superscript_numbers() {
        assert_eq!(note_mark(1), "¹");
        assert_eq!(note_mark(9), "⁹");
        assert_eq!(note_mark(10), "¹⁰");
    }

    /// A result written before the table had notes reads as a table without notes; one
    /// with notes keeps them.
    #[test]
    fn a_table_without_notes_still_reads() {
        let table = ComparisonTable {
            rows: vec![TableRow::Performance],
            row_headings: vec![TableRow::Performance.heading()],
            columns: Vec::new(),
            notes: vec![TableNote {
                mark: note_mark(1),
                text: Text::new("steal: …", "스틸: …"),
            }],
        };
        let mut json = serde_json::to_value(&table).unwrap();
        let back: ComparisonTable = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, table);
        json.as_object_mut().unwrap().remove("notes");
        let old: ComparisonTable = serde_json::from_value(json).unwrap();
        assert!(old.notes.is_empty());
        assert_eq!(old.rows, table.rows);
    }
}

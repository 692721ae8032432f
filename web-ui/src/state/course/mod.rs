//! Coursework in the page: an open assignment, the student's progress (kept in
//! localStorage, resumable after a reload), the actions that change them, and the answers
//! file the student exports (the format `virtsim grade` reads).
//!
//! A step is shown by loading its scenario and the student's variant into the page's
//! state (text and settings), so the usual run machinery (`run.rs`) runs it and the
//! usual result views show it. The expected answers are read from that run's result
//! (`assignment::answers_from_result`); nothing here simulates.
//!
//! Where a step reveals answers, each saved answer keeps its verdict ([`Saved::right`]),
//! checked only against a run of exactly that step (`Course::expected`, on an answer or
//! when the step's run finishes) and counted by the final page ([`score()`]); the answers
//! file leaves it out. While a result of other settings is shown (a slider moved), a step
//! keeps showing the verdicts its run gave (`Course::kept_verdict`) and says why its
//! answers wait (`Course::not_ready`). An assignment opened as text (a file, a link) puts
//! what `virtsim validate` warns of in the page's notice; a file's notes for its author
//! are the course panel's ([`Course::author_notes`]).
//!
//! Here: [`Course`], its [`Progress`] and [`Saved`] answers, [`open`], the current step;
//! beside it `score.rs` (answers checked, the score, the answers file), `storage.rs`
//! (localStorage), `reduce.rs` ([`CourseAction`] and its part of the reducer) and
//! `link.rs` (the `#a=`/`#at=` links).

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::builtin;
use crate::i18n::Msg;
use crate::knobs::Knobs;
use crate::sim::assignment::{self, valid_student_id, Assignment, StepSource};
use crate::sim::{QuestionKind, Scenario, Text};
use crate::state::RunInput;

mod link;
mod reduce;
mod score;
mod storage;

pub use link::{clear_location_hash, from_hash, replace_hash, set_location_hash, to_hash};
pub use reduce::{dispatch_open, reduce, CourseAction};
pub use score::{check_answers, checked, readable, score, NotReady, Score};
pub use storage::{forget_open, last_open, load_progress, remember_open, save_progress, LastOpen};

/// Where an assignment was opened from (what a reload re-opens).
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A library assignment, by file name.
    Library(String),
    /// A file the student opened, or a share link: the text travels in the URL.
    Text { file: String },
}

/// One answer the student gave, with the scenario it was given against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub step: String,
    pub question: String,
    pub answer: String,
    /// Committed before the run.
    pub predicted: bool,
    /// `Assignment::scenario_hash` of the step for this student when answered.
    pub hash: String,
    /// Whether the answer is right, when the step reveals answers and the page checked it
    /// against the computed answers of a run of exactly this step's scenario and variant
    /// (`hash`); `None`: not checked. Kept for the final page's count only: the answers
    /// file does not carry it (`virtsim grade` computes its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<bool>,
    /// The computed answer it was checked against, as data (a platform's name, or a number
    /// with its metric and tolerance): the final page and a kept verdict list each answer
    /// with the right one, as `virtsim grade` does, without the step's run, in words made
    /// when shown ([`Saved::expected`]), so that a page whose wording changed (a label, the
    /// way a range is said) says it in its own. Set with `right`; not in the answers file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_against: Option<Expected>,
    /// Progress saved by an earlier page: the computed answer as it was shown then, in
    /// English and in Korean ("Type 2 (hardware assist, emulated I/O)"; "26.82% (24.14% to
    /// 29.50% are right: ...)"). Read, never written: shown only for an answer without
    /// [`Saved::checked_against`], until a run of the step checks it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_ko: Option<String>,
}

/// A computed answer as a saved answer keeps it ([`Saved::checked_against`]): what its
/// words are made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    pub kind: QuestionKind,
    pub metric: crate::sim::Metric,
    /// A platform's name, or a number as text (`QuestionAnswer::answer`: its digits are
    /// those the answer is shown with).
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default)]
    pub tolerance_percent: f64,
}

impl Expected {
    /// What a saved answer keeps of `q`.
    pub fn of(q: &crate::sim::QuestionAnswer) -> Expected {
        Expected {
            kind: q.kind,
            metric: q.metric,
            answer: q.answer.clone(),
            value: q.value,
            tolerance_percent: q.tolerance_percent,
        }
    }

    /// In words, in `lang`: a number as `virtsim answers` and `virtsim grade` print it (as
    /// a verdict says it, `answer_text::assignment_answer`), a platform by `label` (as the
    /// step's options name it).
    pub fn shown(&self, lang: crate::i18n::Lang, label: &dyn Fn(&str) -> String) -> String {
        let q = crate::sim::QuestionAnswer {
            id: String::new(),
            text: Text::new("", ""),
            kind: self.kind,
            metric: self.metric,
            options: Vec::new(),
            platform: None,
            answer: self.answer.clone(),
            value: self.value,
            tolerance_percent: self.tolerance_percent,
            evidence: Vec::new(),
            explanation: None,
            op: None,
        };
        crate::answer_text::assignment_answer(lang, &q).unwrap_or_else(|| label(&self.answer))
    }
}

impl Saved {
    /// The computed answer it was checked against, in `lang`, a platform named by `label`
    /// (see [`Saved::checked_against`]); progress saved by an earlier page, the words it
    /// kept.
    pub fn expected(
        &self,
        lang: crate::i18n::Lang,
        label: &dyn Fn(&str) -> String,
    ) -> Option<String> {
        if let Some(e) = &self.checked_against {
            return Some(e.shown(lang, label));
        }
        match lang {
            crate::i18n::Lang::Ko => self.expected_ko.clone(),
            crate::i18n::Lang::En => self.expected_en.clone(),
        }
    }
}

/// What the browser keeps between visits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub student: Option<String>,
    /// The step shown; `steps.len()` is the final page.
    pub step: usize,
    pub answers: Vec<Saved>,
    /// Ids of the steps whose predictions are committed.
    pub committed: Vec<String>,
}

impl Progress {
    pub fn answer(&self, step: &str, question: &str) -> Option<&Saved> {
        self.answers
            .iter()
            .find(|a| a.step == step && a.question == question)
    }
}

/// A question of the current step as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionView {
    pub id: String,
    pub text: Text,
    pub kind: QuestionKind,
    /// Choice questions: the platform names.
    pub options: Vec<String>,
    pub points: u32,
    pub predict: bool,
    /// Numeric questions: the unit of the answer ("%", "µs"; empty for a count).
    pub unit: &'static str,
    /// The question's metric and, for a numeric question, the relative error accepted
    /// (said under its box before it is answered, as the Questions tab says it).
    pub metric: crate::sim::Metric,
    pub tolerance_percent: f64,
}

/// A validated assignment compared by identity.
#[derive(Debug, Clone)]
pub struct AssignmentRef(pub Rc<Assignment>);

impl PartialEq for AssignmentRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A prepared step scenario compared by identity.
#[derive(Debug, Clone)]
pub struct ScenarioRef(pub Rc<Scenario>);

impl PartialEq for ScenarioRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// An open assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub assignment: AssignmentRef,
    pub origin: Origin,
    /// The localStorage key of the progress: the assignment's id, so that a corrected
    /// text (a typo in its introduction) keeps the students' progress; answers carry the
    /// hash of the step they were given against, and grading marks changed steps stale.
    pub storage_key: String,
    pub progress: Progress,
    /// The current step's scenario for this student, and its questions.
    pub prepared: Option<ScenarioRef>,
    pub questions: Vec<QuestionView>,
    /// Why the current step's scenario is not valid for this student's variant (the page
    /// validates a variant when its step is shown: see [`open`]).
    pub step_error: Option<Msg>,
    /// How many times the student moved to a step (Start, Next, Previous, a step of the
    /// final page): each move brings the new step's title into view and gives it focus
    /// (`components/course/`); 0 until the first, so a reload does not scroll the page.
    pub moved: u32,
    /// Whether the course panel shows the author's notes ([`Course::author_notes`]): an
    /// assignment opened as a file until they are hidden (`CourseAction::HideNotes`) or a
    /// student starts (`CourseAction::Start`); never a link's (a student's), and never a
    /// library assignment's, which leaves questions out on purpose for students who did
    /// not write it.
    pub notes_shown: bool,
    /// Next (or Finish), Close or Another student pressed while answers of the step were
    /// typed or picked but not submitted ([`CourseAction::Leave`]): the step stays, and
    /// says how many near the button pressed; the same press again leaves them
    /// unsubmitted. Any other action ends it.
    pub leaving: Option<Leaving>,
}

/// Where a press leaves the shown step for ([`CourseAction::Leave`]).
#[derive(Debug, Clone, PartialEq)]
pub enum LeaveTo {
    /// Next or Finish: step `n` (`steps.len()`: the final page).
    Step(usize),
    /// Close: the assignment is closed, the typed answers with its panel.
    Close,
    /// Another student: the student id is asked again, this one's progress set aside.
    ChangeStudent,
}

/// A move away from the step held back by answers not submitted ([`Course::leaving`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Leaving {
    /// Where the press would have gone.
    pub to: LeaveTo,
    /// The questions whose answers are typed or picked but not submitted, in the step's order.
    pub unsubmitted: Vec<String>,
}

/// A library scenario by file name (what `scenario = "..."` names).
/// The page must have loaded it (`dispatch_open` loads an assignment's scenarios first).
pub fn library_scenario(name: &str) -> Option<String> {
    builtin::text_by_name(name).map(|t| t.to_string())
}

/// The page's library as an assignment reads it: the scenarios it has loaded
/// ([`library_scenario`]), and every library file name, listed when a step names a
/// scenario the library does not have.
pub struct PageLibrary;

impl crate::sim::assignment::Library for PageLibrary {
    fn scenario(&self, name: &str) -> Option<String> {
        library_scenario(name)
    }

    fn names(&self) -> Vec<String> {
        builtin::files().map(str::to_string).collect()
    }
}

/// An assignment's errors (one, or every independent one of a step's scenario), one a
/// line as `virtsim validate` prints them: the first 20, then "FILE: and N more errors".
fn errors_msg(file: &str, errors: &[crate::sim::ScenarioError]) -> Msg {
    use crate::sim::text::Lang;
    let cap = crate::sim::scenario::MAX_ERRORS_SHOWN;
    let more = errors.len().saturating_sub(cap);
    let n = errors.len();
    // The errors open with what they mean together: a reviewer read a bare list of lines
    // as a file half opened, and another a lone error, under the scenario still on screen,
    // as a note about that scenario.
    let lines = |lang: Lang, heading: String, more_line: String| {
        let mut lines: Vec<String> = vec![heading];
        lines.extend(errors.iter().take(cap).map(|e| e.to_string_in(lang)));
        if more > 0 {
            lines.push(more_line);
        }
        // Where the checks stopped, as `virtsim validate` says it.
        if let Some(note) = errors.iter().find_map(|e| e.stop_note_in(lang)) {
            lines.push(match lang {
                Lang::En => format!("note: {note}"),
                Lang::Ko => format!("참고: {note}"),
            });
        }
        lines.join("\n")
    };
    Msg {
        en: lines(
            Lang::En,
            if n == 1 {
                format!("{file} could not be opened as an assignment:")
            } else {
                format!("{file} could not be opened as an assignment: {n} errors")
            },
            format!("{file}: and {more} more errors"),
        ),
        ko: lines(
            Lang::Ko,
            crate::sim::text::particles(&if n == 1 {
                format!("{file}을(를) 과제로 열 수 없습니다:")
            } else {
                format!("{file}을(를) 과제로 열 수 없습니다: 오류 {n}개")
            }),
            format!("{file}: 오류가 {more}개 더 있습니다"),
        ),
    }
}

/// Parses and validates an assignment and restores its saved progress. Only each
/// step's first variant is validated here: every variant of a large scenario (up to 256
/// validations) could hold the tab for seconds; a student's own variant is validated when
/// its step is shown (`Course::prepare`), and `virtsim validate` checks them all.
pub fn open(origin: Origin, file: &str, text: &str) -> Result<Course, Msg> {
    let a = Assignment::from_toml_first_variants(file, text, &PageLibrary)
        .map_err(|errors| errors_msg(file, &errors))?;
    let storage_key = format!("virtsim.course.{}", a.id);
    // Progress kept before it was keyed by the id alone: under the id and the text's hash.
    let before = || {
        let hash = assignment::variation::hash_text(assignment::variation::fnv1a(text.as_bytes()));
        load_progress(&format!("{storage_key}.{hash}"))
    };
    let mut progress = load_progress(&storage_key)
        .or_else(before)
        .unwrap_or_default();
    progress.step = progress.step.min(a.steps.len());
    if progress
        .student
        .as_deref()
        .is_some_and(|s| !valid_student_id(s))
    {
        progress.student = None;
    }
    let notes_shown = matches!(origin, Origin::Text { .. });
    Ok(Course {
        assignment: AssignmentRef(Rc::new(a)),
        origin,
        storage_key,
        progress,
        prepared: None,
        questions: Vec::new(),
        step_error: None,
        moved: 0,
        notes_shown,
        leaving: None,
    })
}

impl Course {
    pub fn a(&self) -> &Assignment {
        &self.assignment.0
    }

    pub fn student(&self) -> Option<&str> {
        self.progress.student.as_deref()
    }

    /// What `virtsim validate` prints as notes for this assignment ([`Assignment::notes`]: a
    /// step's scenario questions that its `scenario_questions` leaves out), each in `lang`
    /// as it prints them after `note:` (`참고:`), located in the file; none when the notes
    /// are not shown ([`Course::notes_shown`]), and none once a student has started: they
    /// name questions that the student is not asked (a reviewer's student was puzzled by
    /// them), so they are for whoever opened the file before anyone answers. Informational:
    /// the file is valid.
    pub fn author_notes(&self, lang: crate::i18n::Lang) -> Vec<String> {
        if !self.notes_shown || self.student().is_some() {
            return Vec::new();
        }
        self.a()
            .notes()
            .iter()
            .map(|n| n.to_string_in(lang.core()))
            .collect()
    }

    /// Of the questions `typed` (answers typed or picked in the step's boxes, not blank),
    /// those of the current step not submitted yet (a prediction not committed, an answer
    /// not given as final), in the step's order: leaving the step leaves them out of the
    /// answers file, where they score 0.
    pub fn unsubmitted(&self, typed: &[String]) -> Vec<String> {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return Vec::new();
        };
        self.questions
            .iter()
            .filter(|q| typed.contains(&q.id))
            .filter(|q| self.progress.answer(&step.id, &q.id).is_none())
            .map(|q| q.id.clone())
            .collect()
    }

    /// Whether a press leaving the step for `to`, with answers typed or picked in the
    /// questions `typed`, is held back ([`CourseAction::Leave`]): what it then says, if
    /// some of them are not submitted and this is not the same press again after they were
    /// said (with no answer typed since); `None`: it goes on at once.
    pub fn holds_back(&self, to: &LeaveTo, typed: &[String]) -> Option<Leaving> {
        let unsubmitted = self.unsubmitted(typed);
        let again = self.leaving.as_ref().is_some_and(|said| {
            said.to == *to && unsubmitted.iter().all(|q| said.unsubmitted.contains(q))
        });
        (!unsubmitted.is_empty() && !again).then(|| Leaving {
            to: to.clone(),
            unsubmitted,
        })
    }

    /// Whether the final page is shown.
    pub fn finished(&self) -> bool {
        self.progress.step >= self.a().steps.len()
    }

    /// Whether the current step waits for predictions before it runs.
    pub fn awaiting_predictions(&self) -> bool {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return false;
        };
        self.student().is_some()
            && step.questions.iter().any(|q| q.predict)
            && !self.progress.committed.contains(&step.id)
    }

    /// What the page must run for the current step: its scenario text and the variant.
    pub fn step_input(&self) -> Option<RunInput> {
        self.input_of(self.progress.step)
    }

    /// What the page ran for the last step, once the assignment is finished (its final page
    /// shows beside that step's scenario and result).
    pub fn last_step_input(&self) -> Option<RunInput> {
        self.input_of(self.a().steps.len().checked_sub(1)?)
    }

    /// The scenario text and the student's variant of step `index`.
    fn input_of(&self, index: usize) -> Option<RunInput> {
        let a = self.a();
        let step = a.steps.get(index)?;
        let file = match &step.source {
            StepSource::Library(name) => name.clone(),
            StepSource::Embedded => format!("{}#{}", a.file_name, step.id),
        };
        let adj = a.variant(index, self.student()).adjustments();
        Some(RunInput {
            file,
            text: Rc::from(step.scenario.source()),
            knobs: Knobs {
                seed: adj.seed,
                instance_count: adj.instance_count,
                group_counts: adj.group_counts,
                vcpus_per_instance: adj.vcpus_per_instance,
                threads_per_instance: adj.threads_per_instance,
                workload: adj.workload,
                duration_ms: adj.duration_ms,
                vm_exit_cycles: adj.vm_exit_cycles,
                time_slice_ms: adj.time_slice_ms,
                host_cores: adj.host_cores,
                host_clock_mhz: adj.host_clock_mhz,
                memory_per_instance_mib: adj.memory_per_instance_mib,
                // The network of every VDI platform (`vdi_rtt_ms`, ...), through each
                // platform's own settings.
                networks: crate::knobs::every_vdi_network(&step.scenario, &adj.vdi_network),
            },
        })
    }

    /// Platform `name` of step `index` as the step's questions, verdicts and the final page
    /// name it: its label in `lang` (its name when it has none), with the network settings
    /// the student's variant gives it after it (`labels::ChangedNet::after`), as the
    /// results table names it beside that step's run ("LAN, 5 ms round trip (changed: RTT
    /// 50 ms)"): with the plain label, a choice whose network the variant changed read as
    /// another choice (a student's review). A name the step's scenario does not have is
    /// itself.
    pub fn platform_label(&self, lang: crate::i18n::Lang, index: usize, name: &str) -> String {
        let Some(step) = self.a().steps.get(index) else {
            return name.to_string();
        };
        let platforms = &step.scenario.platforms;
        let Some(place) = platforms.iter().position(|p| p.name == name) else {
            return name.to_string();
        };
        let label = platforms[place]
            .label
            .as_ref()
            .map_or_else(|| name.to_string(), |l| lang.pick(&l.ko, &l.en).to_string());
        let changed = self
            .input_of(index)
            .and_then(|input| input.knobs.networks.get(place).copied())
            .map(crate::knobs::changed_net)
            .unwrap_or_default();
        changed.after(lang, &label)
    }

    /// The current step's hash for this student.
    fn hash(&self) -> String {
        self.a().scenario_hash(self.progress.step, self.student())
    }

    /// Prepares the current step: the student's scenario and its questions.
    fn prepare(&mut self) {
        self.prepared = None;
        self.questions.clear();
        self.step_error = None;
        let index = self.progress.step;
        let Some(step) = self.a().steps.get(index).cloned() else {
            return;
        };
        let scenario = match self.a().step_scenario(index, self.student()) {
            Ok(scenario) => scenario,
            Err(e) => {
                self.step_error = Some(Msg {
                    en: e.to_string_in(crate::sim::text::Lang::En),
                    ko: e.to_string_in(crate::sim::text::Lang::Ko),
                });
                return;
            }
        };
        self.questions = step
            .questions
            .iter()
            .filter_map(|q| {
                let sq = scenario.questions.iter().find(|x| x.id == q.id)?;
                Some(QuestionView {
                    id: q.id.clone(),
                    // Asked before the run: a figure it quotes from the run shows as "…".
                    text: crate::sim::Text::new(
                        crate::sim::question::placeholder::pending(&q.text.en),
                        crate::sim::question::placeholder::pending(&q.text.ko),
                    ),
                    kind: sq.kind,
                    options: sq
                        .candidates
                        .iter()
                        .map(|&i| scenario.platforms[i].name.clone())
                        .collect(),
                    points: q.points,
                    predict: q.predict,
                    unit: sq.metric.unit(),
                    metric: sq.metric,
                    tolerance_percent: sq.tolerance_percent,
                })
            })
            .collect();
        self.prepared = Some(ScenarioRef(Rc::new(scenario)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::ASSIGNMENTS;

    /// Two short steps (4 ms per platform): the first reveals answers (a prediction and
    /// an answer after the run), the second does not.
    pub(super) const TWO_STEPS: &str =
        include_str!("../../../tests/fixtures/score-assignment.toml");

    /// An embedded scenario with two independent errors (host.cores = 0, a misspelt
    /// workload): the notice opens with what they mean together, then one line each.
    #[test]
    fn several_errors_open_with_a_heading() {
        let text = "[assignment]\nid = \"two-errors\"\ntitle = { en = \"T\", ko = \"T\" }\n\n[[step]]\nid = \"one\"\ntitle = { en = \"S\", ko = \"S\" }\nintro = { en = \"I\", ko = \"I\" }\nscenario_toml = '''\n[scenario]\nname = \"e\"\nduration_ms = 10\n[host]\ncores = 0\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"a\"\nworkload = \"web-sever\"\n'''\n";
        let m = open(
            Origin::Text {
                file: "two.toml".into(),
            },
            "two.toml",
            text,
        )
        .err()
        .unwrap();
        let en: Vec<&str> = m.en.lines().collect();
        assert_eq!(en.len(), 3, "{}", m.en);
        assert_eq!(
            en[0],
            "two.toml could not be opened as an assignment: 2 errors"
        );
        assert!(en[1].starts_with("two.toml:14:9:"), "{}", en[1]);
        assert!(en[2].starts_with("two.toml:20:12:"), "{}", en[2]);
        assert!(
            m.ko.starts_with("two.toml을 과제로 열 수 없습니다: 오류 2개\n"),
            "{}",
            m.ko
        );
        // One error: said to be the file's too, without a count.
        let one = text.replace("cores = 0", "cores = 2");
        let m = open(
            Origin::Text {
                file: "one.toml".into(),
            },
            "one.toml",
            &one,
        )
        .err()
        .unwrap();
        let en: Vec<&str> = m.en.lines().collect();
        assert_eq!(
            en[..1],
            ["one.toml could not be opened as an assignment:"],
            "{}",
            m.en
        );
        assert!(en[1].starts_with("one.toml:20:12:"), "{}", m.en);
    }

    /// The assignment's own mistakes are listed with its scenario's, in the file's order
    /// (an id that breaks the rules, a step without intro, an unknown parameter), as
    /// `virtsim validate` lists them; a table without a key it needs ends the list with
    /// where the reading stopped.
    #[test]
    fn the_assignments_own_mistakes_are_listed_with_its_scenarios() {
        let text = "[assignment]\nid = \"week 6\"\ntitle = { en = \"T\", ko = \"T\" }\n\n[[step]]\nid = \"one\"\ntitle = { en = \"S\", ko = \"S\" }\nscenario_toml = '''\n[scenario]\nname = \"e\"\nduration_ms = 10\n[host]\ncores = 0\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"a\"\nworkload = \"web-server\"\n'''\n[[step.vary]]\nparameter = \"cores\"\nchoices = [1, 2]\n";
        let opened = |text: &str| {
            let origin = Origin::Text {
                file: "w.toml".into(),
            };
            open(origin, "w.toml", text).err().unwrap()
        };
        let m = opened(text);
        let en: Vec<&str> = m.en.lines().collect();
        assert_eq!(
            en[0], "w.toml could not be opened as an assignment: 4 errors",
            "{}",
            m.en
        );
        let places: Vec<&str> = en[1..]
            .iter()
            .map(|l| l.split(": ").next().unwrap())
            .collect();
        assert_eq!(
            places,
            ["w.toml:2:6", "w.toml:5:1", "w.toml:13:9", "w.toml:22:13"],
            "{}",
            m.en
        );
        assert!(
            en[2].contains("add intro = { en = \"...\", ko = \"...\" }"),
            "{}",
            en[2]
        );
        assert!(
            m.ko.lines()
                .nth(2)
                .is_some_and(|l| l.contains("intro = { en = \"...\", ko = \"...\" }를 더하세요")),
            "{}",
            m.ko
        );
        // A question without its kind: the reading stops there, after the mistakes before.
        let kindless = format!("{text}\n[[step.question]]\nid = \"q\"\ntext = {{ en = \"Q\", ko = \"Q\" }}\nmetric = \"throughput\"\n");
        let m = opened(&kindless);
        let last = m.en.lines().last().unwrap();
        assert!(
            last.starts_with("note: w.toml:25:1: reading stopped here"),
            "{}",
            m.en
        );
    }

    /// A step whose variant sets every VDI platform's round trip: its platforms are named
    /// with the network the variant gives them (as the results table names them), the
    /// plain label where it gives them their own; in both languages.
    #[test]
    fn a_variants_network_names_its_platforms() {
        let text = "[assignment]\nid = \"net-variant\"\ntitle = { en = \"T\", ko = \"T\" }\n\n[[step]]\nid = \"net\"\ntitle = { en = \"S\", ko = \"S\" }\nintro = { en = \"I\", ko = \"I\" }\nscenario = \"vdi-network.toml\"\n\n[[step.vary]]\nparameter = \"vdi_rtt_ms\"\nchoices = [50, 51]\n\n[[step.question]]\nid = \"predict-latency\"\npredict = true\nkind = \"choice\"\ntext = { en = \"Q\", ko = \"Q\" }\nmetric = \"desktop_p50_latency_ms\"\nselect = \"highest\"\n";
        let mut c = open(
            Origin::Text {
                file: "n.toml".into(),
            },
            "n.toml",
            text,
        )
        .unwrap();
        use crate::i18n::Lang;
        // Before a student id: the first variant's, 50 ms.
        for student in [None, Some("s1"), Some("s2")] {
            c.progress.student = student.map(str::to_string);
            let rtt = c.step_input().unwrap().knobs.networks[0].rtt_ms.unwrap();
            assert!(rtt == 50 || rtt == 51, "{rtt}");
            let en = c.platform_label(Lang::En, 0, "lan-5ms");
            assert_eq!(en, format!("LAN, 5 ms round trip (changed: RTT {rtt} ms)"));
            let ko = c.platform_label(Lang::Ko, 0, "lan-5ms");
            assert_eq!(ko, format!("LAN, 왕복 5 ms (바뀜: RTT {rtt} ms)"));
            // The city's own round trip is 50 ms: at 50 it is not changed, and the two
            // choices read apart.
            let city = c.platform_label(Lang::En, 0, "city-50ms");
            if rtt == 50 {
                assert_eq!(city, "Same city over LTE, 50 ms");
            } else {
                assert_eq!(city, "Same city over LTE, 50 ms (changed: RTT 51 ms)");
            }
            assert_ne!(en, city);
        }
        // A name the scenario does not have, a step it does not have: the name itself.
        assert_eq!(c.platform_label(Lang::En, 0, "wan"), "wan");
        assert_eq!(c.platform_label(Lang::En, 7, "lan-5ms"), "lan-5ms");
        // Without a variant that changes networks: the plain label.
        let plain = open(
            Origin::Text {
                file: "p.toml".into(),
            },
            "p.toml",
            &text
                .replace("vdi_rtt_ms", "duration_ms")
                .replace("[50, 51]", "[20, 30]"),
        )
        .unwrap();
        assert_eq!(
            plain.platform_label(Lang::En, 0, "lan-5ms"),
            "LAN, 5 ms round trip"
        );
    }

    /// A computed answer kept with a saved answer is put into words when shown: a new
    /// label (a changed network, a reworded scenario) or a new way of saying a range shows
    /// at once, not after the step is checked again. Progress an earlier page saved (its
    /// words, no data) still loads and shows its words.
    #[test]
    fn a_saved_answers_computed_answer_is_worded_when_shown() {
        use crate::i18n::Lang;
        // Saved by an earlier page: the words in both languages, no `checked_against`.
        let old = r#"{"student":"s1","step":1,"committed":["one"],"answers":[
            {"step":"one","question":"slowest","answer":"bt","predicted":true,"hash":"h0",
             "right":true,"expected_en":"Binary translation (old words)","expected_ko":"바이너리 변환 (옛 말)"}]}"#;
        let p: Progress = serde_json::from_str(old).unwrap();
        let saved = &p.answers[0];
        assert_eq!(saved.checked_against, None);
        let label = |name: &str| format!("label of {name}");
        assert_eq!(
            saved.expected(Lang::En, &label).as_deref(),
            Some("Binary translation (old words)")
        );
        assert_eq!(
            saved.expected(Lang::Ko, &label).as_deref(),
            Some("바이너리 변환 (옛 말)")
        );
        // Saved again, it keeps the old words (nothing checked it since) and no data.
        let again: Progress = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(again, p);

        // Saved by this page: data, worded by the label given when shown.
        let mut new = saved.clone();
        new.expected_en = None;
        new.expected_ko = None;
        new.checked_against = Some(Expected {
            kind: QuestionKind::Choice,
            metric: crate::sim::Metric::Throughput,
            answer: "bt".into(),
            value: None,
            tolerance_percent: 0.0,
        });
        assert_eq!(
            new.expected(Lang::En, &label).as_deref(),
            Some("label of bt")
        );
        let other = |name: &str| format!("{name}, reworded");
        assert_eq!(
            new.expected(Lang::Ko, &other).as_deref(),
            Some("bt, reworded")
        );
        let json = serde_json::to_string(&new).unwrap();
        assert!(!json.contains("expected_en"), "{json}");
        let back: Saved = serde_json::from_str(&json).unwrap();
        assert_eq!(back, new);
        // Data and old words both (never written so, but read so): the data's words.
        let mut both = new.clone();
        both.expected_en = Some("old".into());
        assert_eq!(
            both.expected(Lang::En, &label).as_deref(),
            Some("label of bt")
        );

        // A number: as `virtsim answers` prints it, with its unit and what is accepted.
        let q = crate::sim::QuestionAnswer {
            id: "bt-rel".into(),
            text: Text::new("Q", "Q"),
            kind: QuestionKind::Numeric,
            metric: crate::sim::Metric::RelativePerformancePercent,
            options: Vec::new(),
            platform: Some("bt".into()),
            answer: "26.82".into(),
            value: Some(26.82),
            tolerance_percent: 10.0,
            evidence: vec![("bt".into(), 26.82)],
            explanation: None,
            op: None,
        };
        let mut numeric = new.clone();
        numeric.checked_against = Some(Expected::of(&q));
        for lang in [Lang::En, Lang::Ko] {
            let shown = numeric.expected(lang, &label).unwrap();
            assert_eq!(
                Some(shown.clone()),
                crate::answer_text::assignment_answer(lang, &q)
            );
            assert!(shown.starts_with("26.82%"), "{shown}");
        }
    }

    #[test]
    fn every_library_assignment_opens_in_the_page() {
        assert!(ASSIGNMENTS.len() >= 2);
        for (file, text) in ASSIGNMENTS {
            let c = open(Origin::Library(file.to_string()), file, text);
            assert!(c.is_ok(), "{file}: {:?}", c.err());
        }
    }

    /// A step naming a scenario the library does not have: the page's message names it and
    /// lists the library's files, in both languages.
    #[test]
    fn a_missing_library_scenario_is_named_with_the_files_there_are() {
        let file = "hypervisor-types.toml";
        let text = crate::builtin::assignment_text(file).unwrap().replacen(
            "scenario = \"type1-vs-type2.toml\"",
            "scenario = \"lecture-seven.toml\"",
            1,
        );
        let origin = Origin::Text {
            file: "a.toml".into(),
        };
        let Err(e) = open(origin, "a.toml", &text) else {
            panic!("accepted");
        };
        assert!(
            e.en.contains("the library has no scenario `lecture-seven.toml`; it has `")
                && e.en.contains("`smoke.toml`")
                && e.en
                    .contains("The page reads library scenarios only, no files"),
            "{}",
            e.en
        );
        assert!(
            e.ko.contains("`lecture-seven.toml`이 없습니다. 있는 시나리오: `")
                && e.ko.contains("`smoke.toml`"),
            "{}",
            e.ko
        );
    }
}

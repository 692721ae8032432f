//! Answers checked and counted: their verdicts ([`checked`], [`check_answers`]), the final
//! page's score ([`score()`]), the answers file.

use crate::sim::assignment::{self, AnswersFile, Assignment, GivenAnswer, StepAnswers};
use crate::sim::{QuestionAnswer, QuestionKind};
use crate::state::State;

use super::{Course, Expected, Progress, Saved};

/// Why an assignment step's answers after the run cannot be given now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    /// Its predictions are still to be committed (committing them runs it).
    Predictions,
    /// Its run is under way.
    Running,
    /// The scenario text or settings on screen are not the step's (a slider moved, the
    /// text edited): its answers are checked only against a run of the step as handed out,
    /// which "Back to this step" restores.
    OtherSettings,
    /// The step's own settings, not run (cancelled, failed, or over the page's budget).
    NotRun,
}

/// Whether `saved` is right: `None` unless its step reveals answers, it was given against
/// the step as it is now (`hash`, the step's current scenario hash for this student) and
/// `expected` (the computed answers of a run of exactly this step) answers its question.
pub fn checked(
    saved: &Saved,
    reveal: bool,
    hash: &str,
    expected: Option<&[QuestionAnswer]>,
) -> Option<bool> {
    if !reveal || saved.hash != hash {
        return None;
    }
    let q = expected?.iter().find(|q| q.id == saved.question)?;
    Some(q.check(&saved.answer))
}

/// Whether `answer` can be recorded for a question of `kind` whose answer is in `unit`:
/// something given, and for a numeric question a number followed by nothing or by that
/// unit (sim-core's `read_number_in`, as `grade` reads it), but not a bare fraction to a
/// question in percent ("0.575": 57.5 % or 0.575 %? sim-core's `fraction_for_percent`);
/// anything else ("14 ms" for a question in µs) is asked again, never graded.
pub fn readable(kind: QuestionKind, unit: &str, answer: &str) -> bool {
    !answer.trim().is_empty()
        && (kind != QuestionKind::Numeric
            || (crate::sim::question::read_number_in(answer, unit).is_some()
                && !crate::sim::question::fraction_for_percent(answer, unit)))
}

/// The final page's count of the student's answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Questions of steps that reveal answers: the count is over these.
    pub revealed: usize,
    pub right: usize,
    pub wrong: usize,
    /// Questions of those steps without an answer.
    pub unanswered: usize,
    /// Answered, but not checked: the step's run was not seen since the answer, or the
    /// answer was given against another version of the step.
    pub unchecked: usize,
    /// Questions of steps that do not reveal answers (the instructor grades them).
    pub hidden: usize,
    /// The points of the right answers (each question's `points`, as `virtsim grade` adds
    /// them up), and of every question counted (those of steps that reveal answers).
    pub points: u32,
    pub max_points: u32,
}

/// How the answers in `progress` stand; `None` when no step reveals answers (the page
/// then shows no count). `hash(i)` is step `i`'s current scenario hash for the student: a
/// verdict kept for another version of the step is not counted.
pub fn score(a: &Assignment, progress: &Progress, hash: impl Fn(usize) -> String) -> Option<Score> {
    let mut score = Score::default();
    for (index, step) in a.steps.iter().enumerate() {
        if !step.reveal {
            score.hidden += step.questions.len();
            continue;
        }
        let current = hash(index);
        for q in &step.questions {
            score.revealed += 1;
            score.max_points += q.points;
            let given = progress
                .answer(&step.id, &q.id)
                .filter(|s| !s.answer.trim().is_empty());
            match given.map(|s| (s.hash == current).then_some(s.right).flatten()) {
                None => score.unanswered += 1,
                Some(None) => score.unchecked += 1,
                Some(Some(true)) => {
                    score.right += 1;
                    score.points += q.points;
                }
                Some(Some(false)) => score.wrong += 1,
            }
        }
    }
    (score.revealed > 0).then_some(score)
}

impl Course {
    /// The computed answers of the current step, once the page shows a result of exactly
    /// this step's scenario and variant.
    pub fn expected(&self, state: &State) -> Option<Vec<QuestionAnswer>> {
        let result = self.step_result(state)?;
        let prepared = self.prepared.as_ref()?;
        Some(assignment::answers_from_result(&prepared.0, result))
    }

    /// The result the page shows, when it is a run of exactly this step's scenario and
    /// variant.
    fn step_result<'s>(&self, state: &'s State) -> Option<&'s crate::sim::RunResult> {
        let want = self.step_input()?;
        let got = state.result_input.as_ref()?;
        // Compared as the sliders hold them: a variant at the scenario's own value is
        // "as written" once a slider has been moved and back, or Reset.
        if got.text != want.text || got.knobs != state.as_written(want.knobs) {
            return None;
        }
        state.result.as_ref().map(|r| &*r.0)
    }

    /// A text of the current step (its intro) as the step shows it: the figures it quotes
    /// (`{metric:platform}`) those of the step's run once the page shows one
    /// ([`Course::expected`]'s), each "…" before.
    pub fn step_text(&self, state: &State, text: &str) -> String {
        match self.step_result(state) {
            Some(result) => crate::sim::results::filled(&result.platforms, text),
            None => crate::sim::question::placeholder::pending(text),
        }
    }

    /// Why the current step's answers cannot be given now (`None`: they can, a result of
    /// exactly this step is shown; see [`NotReady`]).
    pub fn not_ready(&self, state: &State) -> Option<NotReady> {
        if self.awaiting_predictions() {
            return Some(NotReady::Predictions);
        }
        if self.expected(state).is_some() {
            return None;
        }
        let want = self.step_input()?;
        // The text and settings on screen (a run of them is under way or shown), not the
        // shown result's: after Next, the last step's result stays until this one's ends.
        if *state.text != *want.text || state.knobs != state.as_written(want.knobs) {
            return Some(NotReady::OtherSettings);
        }
        Some(if state.is_running() {
            NotReady::Running
        } else {
            NotReady::NotRun
        })
    }

    /// The verdict kept for `saved` when no result of this step is shown (a slider moved
    /// after the run): the one checked against a run of this step as it is now for this
    /// student, which a result of other settings neither makes nor takes away.
    pub fn kept_verdict(&self, saved: &Saved) -> Option<bool> {
        saved.right.filter(|_| saved.hash == self.hash())
    }

    /// The final page's count (see [`score`]).
    pub fn score(&self) -> Option<Score> {
        score(self.a(), &self.progress, |i| {
            self.a().scenario_hash(i, self.student())
        })
    }

    /// Checks the current step's answers against `expected`, the computed answers of a
    /// run of exactly this step ([`Course::expected`]).
    fn check_step(&mut self, expected: &[QuestionAnswer]) {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return;
        };
        let (id, reveal) = (step.id.clone(), step.reveal);
        let hash = self.hash();
        for saved in self.progress.answers.iter_mut().filter(|s| s.step == id) {
            saved.right = checked(saved, reveal, &hash, Some(expected));
            saved.checked_against = saved
                .right
                .and_then(|_| expected.iter().find(|q| q.id == saved.question))
                .map(Expected::of);
            // Checked again: the words an earlier page kept give way to the data's.
            saved.expected_en = None;
            saved.expected_ko = None;
        }
    }

    /// The answers file of the student's progress (per step, the hash its answers were
    /// given against).
    pub fn answers_file(&self) -> AnswersFile {
        let a = self.a();
        let steps = a
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let given: Vec<&Saved> = self
                    .progress
                    .answers
                    .iter()
                    .filter(|s| s.step == step.id)
                    .collect();
                StepAnswers {
                    step: step.id.clone(),
                    scenario_hash: given.first().map_or_else(
                        || a.scenario_hash(index, self.student()),
                        |s| s.hash.clone(),
                    ),
                    answers: given
                        .iter()
                        .map(|s| GivenAnswer {
                            question: s.question.clone(),
                            answer: s.answer.clone(),
                            predicted: s.predicted,
                        })
                        .collect(),
                }
            })
            .collect();
        AnswersFile::new(&a.id, self.student().unwrap_or(""), steps)
    }

    pub fn answers_json(&self) -> String {
        serde_json::to_string_pretty(&self.answers_file()).unwrap_or_default()
    }

    /// Records an answer to the current step, checked against `expected` (the computed
    /// answers of a run of exactly this step, if the page has one) when the step reveals
    /// answers. A replaced answer's verdict goes with it.
    pub(super) fn record(
        &mut self,
        question: String,
        answer: String,
        predicted: bool,
        expected: Option<&[QuestionAnswer]>,
    ) {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return;
        };
        let (step, reveal) = (step.id.clone(), step.reveal);
        let hash = self.hash();
        self.progress
            .answers
            .retain(|s| !(s.step == step && s.question == question));
        let mut saved = Saved {
            step,
            question,
            answer,
            predicted,
            hash,
            right: None,
            checked_against: None,
            expected_en: None,
            expected_ko: None,
        };
        saved.right = checked(&saved, reveal, &saved.hash, expected);
        saved.checked_against = saved
            .right
            .and_then(|_| expected?.iter().find(|q| q.id == saved.question))
            .map(Expected::of);
        self.progress.answers.push(saved);
    }
}

/// Checks the current step's answers once a run of it finished (`Action::Finished`):
/// predictions committed before the run, and answers kept before verdicts were. A result
/// of other settings (a slider moved, another step) checks nothing.
pub fn check_answers(s: &mut State) {
    let Some(expected) = s.course.as_ref().and_then(|c| c.expected(s)) else {
        return;
    };
    if let Some(c) = s.course.as_mut() {
        c.check_step(&expected);
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::i18n::Lang;
    use crate::state::course::tests::TWO_STEPS;
    use crate::state::course::{open, reduce, CourseAction, Origin};

    fn saved(step: &str, question: &str, answer: &str, hash: &str, right: Option<bool>) -> Saved {
        Saved {
            step: step.into(),
            question: question.into(),
            answer: answer.into(),
            predicted: false,
            hash: hash.into(),
            right,
            checked_against: None,
            expected_en: None,
            expected_ko: None,
        }
    }

    #[test]
    fn the_score_counts_revealed_questions_and_says_what_the_rest_are() {
        let c = open(Origin::Library("t.toml".into()), "t.toml", TWO_STEPS).unwrap();
        let a = c.a();
        let hash = |i: usize| format!("h{i}");
        let progress = |answers: Vec<Saved>| Progress {
            student: Some("s1".into()),
            step: 2,
            answers,
            committed: vec!["one".into()],
        };
        // Nothing answered: both questions of the revealing step unanswered; the other
        // step's question is counted apart.
        let none = score(a, &progress(vec![]), hash).unwrap();
        assert_eq!(
            none,
            Score {
                revealed: 2,
                unanswered: 2,
                hidden: 1,
                // bt-rel is worth 2 points.
                max_points: 3,
                ..Score::default()
            }
        );
        let p = progress(vec![
            saved("one", "slowest", "bt", "h0", Some(true)),
            saved("one", "bt-rel", "50", "h0", Some(false)),
            saved("two", "fastest", "hw", "h1", None),
        ]);
        let s = score(a, &p, hash).unwrap();
        assert_eq!((s.right, s.wrong, s.unanswered, s.unchecked), (1, 1, 0, 0));
        assert_eq!((s.revealed, s.hidden), (2, 1));
        assert_eq!((s.points, s.max_points), (1, 3));
        let p = progress(vec![
            saved("one", "slowest", "hw", "h0", Some(false)),
            saved("one", "bt-rel", "50", "h0", Some(true)),
        ]);
        let s = score(a, &p, hash).unwrap();
        assert_eq!((s.right, s.points, s.max_points), (1, 2, 3));
        // Answered but not checked (no run of the step seen since), and a verdict kept
        // for another version of the step: neither counts as right or wrong.
        let p = progress(vec![
            saved("one", "slowest", "bt", "h0", None),
            saved("one", "bt-rel", "50", "old", Some(true)),
        ]);
        let s = score(a, &p, hash).unwrap();
        assert_eq!((s.right, s.wrong, s.unanswered, s.unchecked), (0, 0, 0, 2));
        // A blank answer is no answer (as `virtsim grade` counts it).
        let p = progress(vec![saved("one", "slowest", " ", "h0", None)]);
        assert_eq!(score(a, &p, hash).unwrap().unanswered, 2);

        // No step reveals: no score at all.
        let hidden = TWO_STEPS.replacen(
            "id = \"one\"\ntitle",
            "id = \"one\"\nreveal = false\ntitle",
            1,
        );
        assert_ne!(hidden, TWO_STEPS);
        let c = open(Origin::Library("t.toml".into()), "t.toml", &hidden).unwrap();
        assert_eq!(score(c.a(), &progress(vec![]), hash), None);
    }

    /// The page with `TWO_STEPS` open and student `s001` started on it.
    fn started_two_steps() -> State {
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "t.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        s
    }

    /// Through the page's reducer: predictions are checked when the step's run finishes,
    /// an answer when it is given; a result of other settings checks nothing; the answers
    /// file is the same with or without verdicts.
    #[test]
    fn verdicts_are_kept_from_runs_of_the_step_only() {
        use yew::Reducible as _;

        let finish = |s: State, result: crate::sim::RunResult| -> State {
            let id = s.run_id;
            Rc::new(s)
                .reduce(crate::state::Action::Finished {
                    id,
                    result: crate::state::ResultRef(Rc::new(result)),
                    events: 1,
                    millis: 1.0,
                    whole: true,
                })
                .as_ref()
                .clone()
        };
        let mut s = started_two_steps();
        let c = s.course.as_ref().unwrap();
        let scenario = c.prepared.as_ref().unwrap().0.clone();
        let expected = scenario.run().unwrap();
        let answer = |id: &str| {
            expected
                .questions
                .iter()
                .find(|q| q.id == id)
                .unwrap()
                .answer
                .clone()
        };
        let right = |s: &State, q: &str| {
            s.course
                .as_ref()
                .unwrap()
                .progress
                .answer("one", q)
                .and_then(|a| a.right)
        };
        // Binary translation is the slower one: "hw" is a wrong prediction.
        assert_eq!(answer("slowest"), "bt");
        let not_ready = |s: &State| s.course.as_ref().unwrap().not_ready(s);
        assert_eq!(not_ready(&s), Some(NotReady::Predictions));
        reduce(
            &mut s,
            CourseAction::CommitPredictions(vec![("slowest".into(), "hw".into())]),
        );
        assert!(s.is_running());
        assert_eq!(not_ready(&s), Some(NotReady::Running));
        assert_eq!(right(&s, "slowest"), None, "not checked before the run");
        let s = finish(s, expected.clone());
        assert_eq!(right(&s, "slowest"), Some(false));
        assert_eq!(
            not_ready(&s),
            None,
            "the step's own result: answers can be given"
        );
        // With the computed answer it was checked against, for the final page's list, in
        // both languages (a platform by its label; this one has none).
        let shown = |s: &State, q: &str| {
            let a = s
                .course
                .as_ref()
                .unwrap()
                .progress
                .answer("one", q)
                .cloned();
            let plain = |name: &str| name.to_string();
            a.map(|a| (a.expected(Lang::En, &plain), a.expected(Lang::Ko, &plain)))
        };
        assert_eq!(
            shown(&s, "slowest"),
            Some((Some("bt".into()), Some("bt".into())))
        );

        // A slider moved: the result shown is not this step's; an answer given now is
        // kept unchecked, and that result checks nothing.
        let mut knobs = s.knobs.clone();
        knobs.seed = Some(knobs.seed.unwrap_or(0) + 1);
        let mut s = Rc::new(s)
            .reduce(crate::state::Action::SetKnobs(knobs))
            .as_ref()
            .clone();
        let mut s2 = s.clone();
        // Once it is done, the settings are not the step's (not "run this step first", a
        // student's review), and the prediction's verdict is kept. (While it runs, the
        // step's result is still the one shown: answers are checked against it.)
        assert_eq!(not_ready(&s2), None);
        s = finish(s, expected.clone());
        assert!(s.course.as_ref().unwrap().expected(&s).is_none());
        assert_eq!(not_ready(&s), Some(NotReady::OtherSettings));
        let kept = |s: &State, q: &str| {
            let c = s.course.as_ref().unwrap();
            c.kept_verdict(c.progress.answer("one", q).unwrap())
        };
        assert_eq!(kept(&s, "slowest"), Some(false));
        reduce(
            &mut s,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: answer("bt-rel"),
            },
        );
        assert_eq!(right(&s, "bt-rel"), None, "stale results check nothing");
        assert_eq!(
            kept(&s, "bt-rel"),
            None,
            "nothing kept for an answer not checked"
        );
        assert_eq!(shown(&s, "bt-rel"), Some((None, None)));
        assert_eq!(right(&s, "slowest"), Some(false), "kept");

        // Back to the step: its run checks the answer given meanwhile.
        reduce(&mut s, CourseAction::GoTo(0));
        assert_eq!(not_ready(&s), Some(NotReady::Running));
        let s = finish(s, expected.clone());
        assert_eq!(right(&s, "bt-rel"), Some(true));
        // A number with its unit and what is accepted, in each language's words: the
        // text `virtsim answers` and `virtsim grade` print for the instructor.
        let (en, ko) = shown(&s, "bt-rel").unwrap();
        let figure = format!("{}%", answer("bt-rel"));
        assert!(
            en.as_deref().is_some_and(|e| e.starts_with(&figure)
                && e.contains(" are right: ±10% of it, not ±10 percentage points)")),
            "{en:?}"
        );
        assert!(
            ko.as_deref()
                .is_some_and(|k| k.starts_with(&figure) && k.contains("(정답 범위 ")),
            "{ko:?}"
        );
        let q = (expected.questions.iter())
            .find(|q| q.id == "bt-rel")
            .unwrap();
        let cli = crate::sim::assignment::expected_shown(q);
        assert_eq!((en, ko), (Some(cli.en), Some(cli.ko)));
        assert_eq!(right(&s, "slowest"), Some(false));

        // An answer given while this step's result is shown is checked at once.
        reduce(&mut s2, CourseAction::GoTo(0));
        let mut s2 = finish(s2, expected.clone());
        reduce(
            &mut s2,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: "-5".into(),
            },
        );
        assert_eq!(right(&s2, "bt-rel"), Some(false));

        // Checked only when the step reveals, against the step as it is now, and with
        // its computed answers.
        let qs = Some(&expected.questions[..]);
        let bt = saved("one", "slowest", "bt", "now", None);
        assert_eq!(checked(&bt, true, "now", qs), Some(true));
        assert_eq!(checked(&bt, true, "before", qs), None);
        assert_eq!(checked(&bt, false, "now", qs), None);
        assert_eq!(checked(&bt, true, "now", None), None);

        // The final page counts them; the answers file does not carry them.
        let mut s = s;
        reduce(&mut s, CourseAction::GoTo(2));
        let c = s.course.as_ref().unwrap();
        let score = c.score().unwrap();
        assert_eq!((score.right, score.wrong, score.revealed), (1, 1, 2));
        assert_eq!(score.hidden, 1);
        let mut unchecked = c.clone();
        for a in &mut unchecked.progress.answers {
            a.right = None;
            a.checked_against = None;
        }
        assert_eq!(c.answers_json(), unchecked.answers_json());
        assert!(!c.answers_json().contains("right"));
        assert!(!c.answers_json().contains("expected"));

        // Progress saved before verdicts were kept still loads (no `right` field).
        let mut old: serde_json::Value = serde_json::to_value(&unchecked.progress).unwrap();
        assert!(old["answers"][0].get("right").is_none());
        old["answers"][0].as_object_mut().unwrap().remove("right");
        let back: Progress = serde_json::from_value(old).unwrap();
        assert_eq!(back, unchecked.progress);
        let kept: Progress =
            serde_json::from_str(&serde_json::to_string(&c.progress).unwrap()).unwrap();
        assert_eq!(kept, c.progress);
    }

    #[test]
    fn a_finished_assignment_reopened_shows_its_last_steps_scenario() {
        let mut s = started_two_steps();
        reduce(&mut s, CourseAction::GoTo(2));
        let c = s.course.as_ref().unwrap();
        assert!(c.finished());
        let last = c.last_step_input().expect("a last step");
        // The page opened with another scenario (resumed from the library's list).
        s.load(
            None,
            "other.toml".into(),
            "[scenario]\nname = \"other\"\n".into(),
        );
        reduce(&mut s, CourseAction::GoTo(2));
        assert_eq!(*s.text, *last.text);
        assert_eq!(s.knobs, last.knobs);
        assert!(s.is_running());
    }

    #[test]
    fn a_slider_moved_before_the_commit_is_set_back_to_the_steps_setup() {
        use yew::Reducible as _;
        let s = started_two_steps();
        let own = s.knobs.clone();
        let mut moved = own.clone();
        moved.host_cores = Some(2);
        let mut s = Rc::new(s)
            .reduce(crate::state::Action::SetKnobs(moved))
            .as_ref()
            .clone();
        assert_eq!(s.knobs.host_cores, Some(2));
        reduce(
            &mut s,
            CourseAction::CommitPredictions(vec![("slowest".into(), "bt".into())]),
        );
        // The run is of the step's own setup: its answers are ready once it ends.
        assert_eq!(s.knobs, own);
        assert!(s.is_running());
        assert_eq!(
            s.course.as_ref().unwrap().not_ready(&s),
            Some(NotReady::Running)
        );
    }

    /// A variant that gives the student the scenario's own value (8 host cores, the
    /// default) is the settings' "as written": after a slider moved and Reset to the step's
    /// settings, the step's answers are ready again once it re-runs (they waited for
    /// "the step's settings" for ever: the sliders held `None`, the step `Some(8)`).
    #[test]
    fn a_variant_at_the_scenarios_own_value_is_the_steps_after_a_reset() {
        use yew::Reducible as _;
        let text = TWO_STEPS.replacen(
            "[[step.question]]",
            "[[step.vary]]\nparameter = \"host_cores\"\nchoices = [8]\n\n[[step.question]]",
            1,
        );
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "t.toml".into(),
                text,
            },
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        let step = s.course.as_ref().unwrap().step_input().unwrap();
        assert_eq!(step.knobs.host_cores, Some(8), "the variant as drawn");
        assert_eq!(s.knobs.host_cores, None, "the controls: as written");
        reduce(
            &mut s,
            CourseAction::CommitPredictions(vec![("slowest".into(), "bt".into())]),
        );
        let set = |s: State, knobs: crate::knobs::Knobs| {
            Rc::new(s)
                .reduce(crate::state::Action::SetKnobs(knobs))
                .as_ref()
                .clone()
        };
        let mut moved = s.knobs.clone();
        moved.host_cores = Some(2);
        let s = set(s, moved);
        let not_ready = |s: &State| s.course.as_ref().unwrap().not_ready(s);
        assert_eq!(not_ready(&s), Some(NotReady::OtherSettings));
        // The Settings card's Reset: back to the step's settings.
        let s = set(s, step.knobs.clone());
        assert_eq!(not_ready(&s), Some(NotReady::Running));
    }

    #[test]
    fn an_answer_that_is_not_a_number_is_asked_again_not_graded() {
        let mut s = started_two_steps();
        reduce(
            &mut s,
            CourseAction::CommitPredictions(vec![("slowest".into(), "bt".into())]),
        );
        let answer = |s: &State| {
            s.course
                .as_ref()
                .unwrap()
                .progress
                .answer("one", "bt-rel")
                .map(|a| a.answer.clone())
        };
        for text in ["about 25", "5 7", "  "] {
            reduce(
                &mut s,
                CourseAction::Submit {
                    question: "bt-rel".into(),
                    answer: text.into(),
                },
            );
            assert_eq!(answer(&s), None, "{text:?} was recorded");
        }
        // A number is recorded (and then kept: one answer per question).
        reduce(
            &mut s,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: "57,7 %".into(),
            },
        );
        assert_eq!(answer(&s).as_deref(), Some("57,7 %"));
        assert!(readable(QuestionKind::Choice, "", "bt"));
        assert!(!readable(QuestionKind::Numeric, "", "bt"));
        assert!(readable(QuestionKind::Numeric, "µs", "14 us"));
        // Another time unit is read (converted); a unit of another kind is not.
        assert!(readable(QuestionKind::Numeric, "µs", "14 ms"));
        assert!(!readable(QuestionKind::Numeric, "µs", "14 %"));
        // A number with an exponent is a number (it was "in another unit": a reviewer).
        assert!(readable(QuestionKind::Numeric, "/s", "1.02e6"));
        assert!(readable(QuestionKind::Numeric, "ms", "1.5e3 µs"));

        // A numeric prediction likewise: nothing is committed, nothing runs.
        let predicted =
            TWO_STEPS.replacen("id = \"bt-rel\"\n", "id = \"bt-rel\"\npredict = true\n", 1);
        assert_ne!(predicted, TWO_STEPS);
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "p.toml".into(),
                text: predicted,
            },
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        let commit = |bt_rel: &str| {
            CourseAction::CommitPredictions(vec![
                ("slowest".into(), "bt".into()),
                ("bt-rel".into(), bt_rel.into()),
            ])
        };
        let run = s.run_id;
        reduce(&mut s, commit("about 25"));
        let c = s.course.as_ref().unwrap();
        assert!(c.progress.committed.is_empty() && c.progress.answers.is_empty());
        assert_eq!(s.run_id, run, "a run started");
        reduce(&mut s, commit("25"));
        assert_eq!(s.course.as_ref().unwrap().progress.answers.len(), 2);
        assert_ne!(s.run_id, run);
    }
}

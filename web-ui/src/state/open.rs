//! Opening a scenario text into the page: its first state (a share link or the first library
//! scenario), a share link, a library text, a file; an edited text a new one replaces kept
//! as the draft offered back ([`State::draft`]); the notices of the opening.

use std::rc::Rc;

use super::notices::{bad_share_notice, is_fetch_notice};
use super::{validate, Draft, RunStatus, State, Tab, DEFAULT_EVENTS_PER_MS};
use crate::builtin;
use crate::i18n::{Lang, Msg};
use crate::knobs::{Baseline, Knobs};
use crate::share::Shared;
use crate::sim::Op;

impl State {
    /// Shows `notice`, in the page's language and, on a change of language, in the other.
    pub(crate) fn notice_in_both(&mut self, notice: Msg) {
        let shown = notice.get(self.lang).to_string();
        self.notice = Some(shown.clone());
        self.notice_in_both = Some((shown, notice));
        self.notice_until_move = false;
    }

    /// Shows `notice` as [`State::notice_in_both`] does, until the user moves on
    /// ([`State::notice_until_move`], [`State::end_notice_until_move`]).
    pub(crate) fn notice_until_move(&mut self, notice: Msg) {
        self.notice_in_both(notice);
        self.notice_until_move = true;
    }

    /// Whether the notice shown ends when the user moves on ([`State::notice_until_move`]).
    pub fn shows_notice_until_move(&self) -> bool {
        self.notice_until_move
            && self
                .notice_in_both
                .as_ref()
                .is_some_and(|(shown, _)| self.notice.as_ref() == Some(shown))
    }

    /// The user moved on (a scenario, an assignment or a share link opened, a run): a
    /// notice that lasts until then goes.
    pub(crate) fn end_notice_until_move(&mut self) {
        if self.shows_notice_until_move() {
            self.notice = None;
            self.notice_in_both = None;
        }
        self.notice_until_move = false;
    }

    /// The initial state: a share link's scenario if there is one, else the first built-in scenario.
    pub fn new(lang: Lang, shared: Option<Result<Shared, crate::share::ShareError>>) -> State {
        let mut state = State {
            lang,
            builtin: None,
            file: String::new(),
            file_from_text: false,
            text: Rc::from(""),
            validation: validate("", "", &Knobs::default()).0,
            validation_pending: false,
            knobs: Knobs::default(),
            run_id: 0,
            status: RunStatus::Idle,
            result_status: None,
            result: None,
            tab: Tab::Table,
            notice: None,
            notice_count: 0,
            notice_in_both: None,
            notice_until_move: false,
            notice_switched: false,
            loading: None,
            knob_error: None,
            memory_text: None,
            baseline: Rc::new(Baseline::default()),
            running: None,
            result_input: None,
            running_baseline: None,
            result_baseline: None,
            events_per_ms: DEFAULT_EVENTS_PER_MS,
            run_started_ms: None,
            running_shown: false,
            stale_at_run_start: false,
            running_estimate: None,
            run_anyway: false,
            step_through: None,
            costliest_missing: None,
            slice_changed_nothing: None,
            course: None,
            written: None,
            running_wants_written: false,
            edited: false,
            draft: None,
            pending_share: None,
            chart_op: None,
            chart_logs: Vec::new(),
        };
        let opened = match shared {
            Some(Ok(shared)) => state.open_shared(shared),
            Some(Err(e)) => {
                state.notice = Some(bad_share_notice(lang, &e));
                false
            }
            None => false,
        };
        if !opened {
            // Open on the seed document's comparison table: the product's starting point
            // (built into the wasm, so no fetch delays the first render).
            let first = builtin::first();
            if let (Some(file), Some(text)) = (builtin::files().nth(first), builtin::text(first)) {
                state.load(Some(first), file.to_string(), text.to_string());
            }
        }
        // A library link being fetched runs once its text is in (`Action::ApplyShared`).
        if state.pending_share.is_none() {
            state.start_run_if_valid();
        }
        state
    }

    /// Opens a share link: at once when its text is in the page (its own, or a library
    /// scenario's the page has); a library scenario to fetch first is kept in
    /// [`State::pending_share`] (app.rs fetches it, then applies the link). Whether the
    /// page now shows the link.
    pub(super) fn open_shared(&mut self, shared: Shared) -> bool {
        use crate::share::{resolve, Resolved};
        let quoted = format!("`{}`", shared.file);
        match resolve(shared.clone()) {
            Resolved::Ready { shared, changed } => {
                self.loading = None;
                self.pending_share = None;
                self.apply_shared(*shared);
                if changed {
                    let said = crate::i18n::t(self.lang, "share.library_changed")
                        .replacen("{}", &quoted, 1);
                    self.notice = Some(crate::sim::text::particles(&said));
                }
                true
            }
            Resolved::Fetch(_) => {
                self.loading = Some(shared.file.clone());
                self.pending_share = Some(shared);
                false
            }
            Resolved::Missing => {
                let said =
                    crate::i18n::t(self.lang, "share.library_missing").replacen("{}", &quoted, 1);
                self.notice = Some(crate::sim::text::particles(&said));
                false
            }
        }
    }

    pub(crate) fn load(&mut self, builtin: Option<usize>, file: String, text: String) {
        self.keep_draft(&text);
        self.edited = false;
        self.builtin = builtin;
        self.file = file;
        self.file_from_text = false;
        self.text = Rc::from(text);
        self.knobs = Knobs::default();
        self.revalidate();
    }

    /// Keeps the text on screen as [`State::draft`] when it was edited and `text`, about
    /// to be loaded, replaces it: a library pick, an opened file, a share link, an
    /// assignment's step (offered once the assignment is closed).
    pub(super) fn keep_draft(&mut self, text: &str) {
        if self.edited
            && !self.text.trim().is_empty()
            && *self.text != *text
            && self.builtin.is_none()
        {
            self.draft = Some(Draft {
                file: self.file.clone(),
                text: self.text.clone(),
                file_from_text: self.file_from_text,
            });
        }
    }

    /// Whether the notice shown says a library text could not be fetched.
    pub fn shows_fetch_failure(&self) -> bool {
        self.notice.as_deref().is_some_and(is_fetch_notice)
    }

    /// The kept draft to offer back, if any: not in an assignment, nor once it is on screen.
    pub fn draft_to_offer(&self) -> Option<&Draft> {
        self.draft
            .as_ref()
            .filter(|d| self.course.is_none() && d.text != self.text)
    }

    pub(super) fn apply_shared(&mut self, shared: Shared) {
        self.keep_draft(&shared.text);
        self.edited = false;
        self.builtin = builtin::index_of(&shared.file, &shared.text);
        self.file = shared.file;
        self.text = Rc::from(shared.text);
        self.knobs = shared.knobs;
        if let Some(tab) = Tab::ALL
            .into_iter()
            .find(|t| shared.tab.as_deref() == Some(t.id()))
        {
            self.tab = tab;
        }
        self.chart_op = shared.op.as_deref().and_then(Op::from_name);
        self.chart_logs = shared.log;
        self.chart_logs.sort();
        self.chart_logs.dedup();
        self.revalidate_after(None);
    }
}

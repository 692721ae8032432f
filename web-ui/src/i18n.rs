//! Korean and English user-interface strings, a message in both (`Msg`), and choosing the first language.

use serde::{Deserialize, Serialize};

use crate::sim::Metric;

/// A message in both page languages (sim-core's validator renders both).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Msg {
    pub en: String,
    pub ko: String,
}

impl Msg {
    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.ko, &self.en)
    }

    /// A validator error's message in both languages, as `virtsim validate` prints it and
    /// an assignment's notice says it, not regrouped by the page (it had grouped "got 5000"
    /// while the CLI and the assignment notice did not, a reviewer), so that one error reads
    /// the same everywhere: sim-core groups a number beside a bound ("got 5,000") and
    /// leaves a value quoted as the file writes it (`memory_gib = 2048`).
    pub fn of_error(e: &crate::sim::ScenarioError) -> Msg {
        Msg {
            en: e.message_in(crate::sim::text::Lang::En),
            ko: e.message_in(crate::sim::text::Lang::Ko),
        }
    }
}

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    /// The same language as sim-core names it (its messages and texts).
    pub fn core(self) -> crate::sim::Lang {
        match self {
            Lang::Ko => crate::sim::Lang::Ko,
            Lang::En => crate::sim::Lang::En,
        }
    }

    /// Korean when the browser's preferred language starts with "ko", English otherwise.
    pub fn from_browser_language(tag: Option<&str>) -> Lang {
        match tag {
            Some(t) if t.to_ascii_lowercase().starts_with("ko") => Lang::Ko,
            _ => Lang::En,
        }
    }

    /// The language the browser prefers (navigator.language).
    pub fn detect() -> Lang {
        let tag = web_sys::window().and_then(|w| w.navigator().language());
        Lang::from_browser_language(tag.as_deref())
    }

    /// The language a link names in its hash (`&l=ko` or `&l=en`), if any.
    pub fn from_hash(hash: &str) -> Option<Lang> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        hash.split('&').find_map(|kv| match kv.strip_prefix("l=")? {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        })
    }

    /// The page's first language: the one its link names, else the one last chosen on
    /// this browser, else the browser's preferred one.
    pub fn initial(hash: &str) -> Lang {
        Lang::from_hash(hash)
            .or_else(|| {
                let stored = storage()?.get_item(STORAGE_KEY).ok()??;
                Lang::from_hash(&format!("l={stored}"))
            })
            .unwrap_or_else(Lang::detect)
    }

    /// Remembers a language the student chose on this browser (a failure, e.g. storage
    /// turned off, is ignored).
    pub fn remember(self) {
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, self.tag());
        }
    }

    /// The hash parameter that names this language in a link (`&l=ko`).
    pub fn hash_param(self) -> String {
        format!("&l={}", self.tag())
    }

    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    /// Picks the Korean or English text.
    pub fn pick<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

/// Where the chosen language is kept (localStorage).
const STORAGE_KEY: &str = "virtsim.lang";

fn storage() -> Option<web_sys::Storage> {
    // Native unit tests have no browser.
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window()?.local_storage().ok()?
}

/// Looks up a user-interface string; unknown keys come back as the key itself.
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    for (k, ko, en) in STRINGS {
        if *k == key {
            return match lang {
                Lang::Ko => ko,
                Lang::En => en,
            };
        }
    }
    key
}

/// An entry whose text is a metric's name in sim-core's table ([`crate::sim::names`]),
/// which the CLI prints too: a measured table's column heading, say.
const fn metric(key: &'static str, m: Metric) -> (&'static str, &'static str, &'static str) {
    let name = crate::sim::names::metric(m);
    (key, name.ko, name.en)
}

/// (key, Korean, English)
pub(crate) const STRINGS: &[(&str, &str, &str)] = &[
    (
        "app.title",
        "virtsim · 가상화 시뮬레이터",
        "virtsim · virtualization simulator",
    ),
    (
        "app.tagline",
        "하이퍼바이저와 컨테이너의 비용을 사이클 단위로",
        "Hypervisors, containers and what they cost, cycle by cycle",
    ),
    ("lang.switch", "English", "한국어"),
    ("lang.switch.label", "Switch to English", "한국어로 전환"),
    ("library", "시나리오 라이브러리", "Scenario library"),
    ("library.pick", "시나리오 선택", "Choose a scenario"),
    ("library.keys", "화살표 키로 고르고 Enter로 엽니다", "the arrow keys choose, Enter opens"),
    ("library.fetch_failed", "시나리오를 불러오지 못했습니다", "Could not load the scenario"),
    ("library.fetch_failed_assignment", "과제를 불러오지 못했습니다", "Could not load the assignment"),
    ("library.fetch_connection", "이 사이트와의 연결이 끊겼습니다. 다시 선택하면 다시 시도합니다", "the connection to this site failed; choose it again to retry"),
    ("library.fetch_status", "사이트가 HTTP {}로 응답했습니다(페이지 옆에 scenarios/ 폴더가 없나요?). 다시 선택하면 다시 시도합니다", "the site answered HTTP {} (is the scenarios/ folder missing beside the page?); choose it again to retry"),
    ("library.fetch_changed", "사이트의 파일이 이 페이지가 만들어진 버전과 다릅니다(캐시의 오래된 사본이거나 일부만 갱신된 사이트). 페이지를 새로 고치세요", "the file on the site is not the version this page was built with (an old copy in a cache, or a site updated in part); reload the page"),
    ("library.loading", "{} 불러오는 중…", "Loading {}…"),
    ("draft.kept", "여기서 편집하던 {file}은(는) 따로 보관했습니다.", "The {file} you edited here is kept."),
    ("draft.kept_text", "여기서 편집하던 글은 따로 보관했습니다.", "The text you edited here is kept."),
    ("draft.restore", "편집하던 글 되돌리기", "Bring it back"),
    ("draft.forget", "보관한 글 버리기", "Forget the edited text"),
    ("editor", "시나리오 편집기 (TOML)", "Scenario editor (TOML)"),
    ("editor.valid", "올바른 시나리오", "Valid scenario"),
    ("editor.invalid", "시나리오 오류", "Scenario error"),
    ("editor.warning", "경고", "Warning"),
    ("editor.no_file", "저장하지 않은 텍스트", "unsaved text"),
    ("editor.line", "줄", "line"),
    ("editor.column", "열", "column"),
    ("editor.goto", "오류 위치로 이동", "Go to the error"),
    ("editor.errors", "오류 {}개", "{} errors"),
    ("editor.more", "오류가 {}개 더 있습니다", "and {} more errors"),
    ("editor.more_warnings", "경고가 {}개 더 있습니다", "and {} more warnings"),
    ("editor.open", "파일 열기…", "Open file…"),
    ("editor.download", "편집본 내려받기", "Download edited file"),
    // Filled in by `opened::too_large`: the file's size, then the limit (in KiB or MiB, and
    // in bytes).
    (
        "editor.too_big",
        "시나리오 파일이 너무 큽니다: {}바이트입니다. 최대 {}({}바이트)까지 받습니다",
        "the scenario file is too large: {} bytes; at most {} ({} bytes) is accepted",
    ),
    ("controls", "설정", "Settings"),
    ("controls.instances", "그룹당 인스턴스 수", "Instances per group"),
    ("controls.group_instances", "{} 인스턴스 수", "Instances of {}"),
    ("controls.groups", "그룹 {}개", "{} groups"),
    ("table.guest_steal", "스틸: 호스트가 잰 것과 게스트가 보는 것", "Steal: measured by the host, seen by the guest"),
    ("table.steal_measured", "측정한 스틸 %", "Measured steal %"),
    metric("table.steal_seen", Metric::GuestStealPercent),
    ("table.guest_steal.note", "스틸 타임 보고가 있으면(반가상화, 또는 스틸 타임 보고 기능(steal_time)을 쓰는 하이브리드: 하이퍼바이저가 적어 두는 스틸 타임을 게스트 커널이 읽는 반가상화 기능) 게스트는 vCPU가 기다린 시간을 스틸로 봅니다. 없으면 0으로 보고, 그 시간을 자기 프로세스가 실행한 시간으로 셉니다.", "With steal-time reporting (para, hybrid with the steal_time enlightenment) the guest sees the time its vCPUs waited as steal; without it, it sees 0 and counts that time as its own processes' run time."),
    ("controls.every_group", "모든 그룹을 {}개로", "every group set to {}"),
    ("controls.total", "= 인스턴스 {}개", "= {} instances"),
    ("controls.per_platform_one", "(그룹마다 실행하는 플랫폼이 정해져 있어 플랫폼당 인스턴스 {}개)", "(each group runs on its own platforms: {} instance per platform)"),
    ("controls.per_platform", "(그룹마다 실행하는 플랫폼이 정해져 있어 플랫폼당 인스턴스 {}개)", "(each group runs on its own platforms: {} instances per platform)"),
    (
        "controls.invalid",
        "이 설정으로는 시나리오를 실행할 수 없습니다:",
        "This setting makes the scenario invalid:",
    ),
    ("controls.undo", "이 설정만 시나리오 값으로 되돌리기", "Back to the scenario value"),
    ("controls.undo_all", "모든 설정을 시나리오 값으로 되돌리기", "All settings back to the scenario's values"),
    ("results.stale", "이전 설정의 결과입니다", "Results from previous settings"),
    ("results.stale.other", "다른 시나리오의 결과입니다", "Results of another scenario"),
    ("controls.vcpus", "인스턴스당 vCPU", "vCPUs per instance"),
    (
        "controls.threads",
        "인스턴스당 스레드",
        "Threads per instance",
    ),
    (
        "controls.host_cores",
        "호스트 코어 (오버커밋)",
        "Host cores (overcommit)",
    ),
    ("controls.host_clock", "호스트 클럭 (MHz)", "Host clock (MHz)"),
    (
        "controls.memory",
        "인스턴스당 메모리 (MiB, 컨테이너는 한도)",
        "Memory per instance (MiB; a container's limit)",
    ),
    (
        "controls.memory.field",
        "인스턴스당 메모리를 MiB 단위로 입력 (Enter를 누르거나 칸을 떠나면 적용, 위·아래 화살표는 64 MiB씩)",
        "Memory per instance, typed in MiB (applied on Enter or on leaving the field; the up and down arrows step 64 MiB)",
    ),
    (
        "controls.exit_cycles",
        "VM exit 왕복 비용 (사이클, 핸들러 제외)",
        "VM exit round trip (cycles, without the handler)",
    ),
    (
        "controls.time_slice",
        "타임 슬라이스 (ms)",
        "Time slice (ms)",
    ),
    (
        "controls.duration",
        "시뮬레이션 시간 (ms)",
        "Simulated time (ms)",
    ),
    ("controls.workload", "워크로드", "Workload"),
    (
        "controls.workload.scenario",
        "(시나리오 그대로)",
        "(as in scenario)",
    ),
    (
        "controls.workload.none",
        "이 시나리오에는 모든 인스턴스가 함께 실행할 수 있는 프리셋이 없습니다: 서버 그룹에는 서버 워크로드, VDI 데스크톱 그룹에는 데스크톱 활동이 필요합니다. 워크로드는 시나리오 파일에서 그룹마다 바꾸세요.",
        "No preset suits every instance of this scenario: its server groups need a server workload and its VDI desktops a desktop activity. Change a group's workload in the scenario file.",
    ),
    ("controls.network", "네트워크 (VDI)", "Network (VDI)"),
    ("controls.network.platform", "설정할 VDI 플랫폼", "VDI platform to set"),
    (
        "controls.network.hint",
        "네트워크는 VDI 플랫폼마다 따로 설정합니다. 다른 플랫폼은 시나리오 값 그대로이므로 플랫폼 사이의 비교가 유지됩니다.",
        "Each VDI platform's network is set on its own: the other platforms keep the scenario's values, so the comparison stays.",
    ),
    ("controls.network.moved", "{} (설정 바뀜)", "{} (changed)"),
    ("label.changed", "{} (바뀜: {})", "{} (changed: {})"),
    ("label.rtt", "RTT {} ms", "RTT {} ms"),
    ("label.loss", "손실 {}%", "loss {}%"),
    ("label.bandwidth", "링크 {} Mbit/s", "link {} Mbit/s"),
    ("controls.rtt", "왕복 시간 RTT (ms)", "Round-trip time, RTT (ms)"),
    ("controls.loss", "패킷 손실 (%)", "Packet loss (%)"),
    (
        "controls.bandwidth",
        "클라이언트 접속 회선 (Mbit/s)",
        "Client access link (Mbit/s)",
    ),
    (
        "controls.bandwidth.bad",
        "대역폭이 아닙니다: Mbit/s 단위의 양수를 쓰세요(예: 2.5). Esc를 누르면 원래 값으로 돌아갑니다.",
        "Not a bandwidth: type a positive number of Mbit/s (e.g. 2.5). Escape puts the value back.",
    ),
    ("controls.seed", "시드", "Seed"),
    ("controls.default", "시나리오 값", "scenario value"),
    ("controls.was", "시나리오: {}", "scenario: {}"),
    ("controls.variant", "이 단계의 여러분 변형이 정한 설정: {}. 슬라이더 옆의 ‘시나리오’ 값은 이 값이 아니라 시나리오 파일 자체의 값입니다.", "Your variant of this step sets {}: a slider's “scenario” value is the scenario file's own, not these."),
    ("editor.before_start", "과제를 시작하면 첫 단계의 시나리오 파일이 여기에 나옵니다.", "Once you start the assignment, the first step's scenario file appears here."),
    ("controls.before_start", "학번을 입력하고 과제를 시작하면 첫 단계의 시나리오와 그 설정이 여기에 나옵니다.", "Once you enter your student id and start the assignment, the first step's scenario and its settings appear here."),
    ("controls.slice_per_platform", "플랫폼마다 다름", "per platform"),
    ("controls.slice_default_core", "호스트 코어 1개의\u{a0}기본값", "default for 1 host core"),
    ("controls.slice_default_cores", "호스트 코어 {}개의\u{a0}기본값", "default for {} host cores"),
    ("controls.slice_defaults_core", "호스트 코어 1개에서의 스케줄러\u{a0}기본값", "the schedulers' defaults on 1 host core"),
    ("controls.slice_defaults_cores", "호스트 코어 {}개에서의 스케줄러\u{a0}기본값", "the schedulers' defaults on {} host cores"),
    ("controls.slice_default", "스케줄러의\u{a0}기본값", "the scheduler's default"),
    ("controls.group_values", "시나리오 값, 그룹마다 다름", "scenario values, per group"),
    ("controls.sets_every_group", "모든 그룹에 적용", "set for every group"),
    ("controls.not_run", "실행 안 됨: 보이는 결과는 {} 기준", "not run: the results shown are for {}"),
    ("controls.sets_every_platform", "모든 플랫폼에 적용", "set for every platform"),
    (
        "controls.reset",
        "시나리오 값으로 모두 되돌리기",
        "Reset to scenario values",
    ),
    ("controls.reset_step", "이 단계의 설정으로 모두 되돌리기", "Reset to this step's settings"),
    ("run", "실행", "Run"),
    ("run.cancel", "취소", "Cancel"),
    ("run.busy_why", "실행 중입니다. ‘취소’로 멈출 수 있습니다.", "A run is going on: Cancel stops it."),
    ("run.invalid_why", "시나리오에 오류가 있습니다. 먼저 편집기에서 고치세요.", "The scenario has errors: fix them in the editor first."),
    ("run.loading_why", "시나리오를 아직 불러오는 중입니다.", "The scenario is still loading."),
    ("run.predictions_why", "먼저 위 과제에서 예측을 확정하세요. 확정하면 이 단계가 실행됩니다.", "Commit your predictions in the assignment above first: that runs this step."),
    ("run.setting_why", "쓸 수 없는 설정이 있습니다. 그 설정 옆의 안내를 보세요.", "A setting cannot be used: the note beside it says why."),
    ("run.cancel_why", "진행 중인 실행이 없습니다.", "No run is going on."),
    ("run.budget_why", "이 페이지에서 실행하기에 너무 큰 실행입니다. 아래 추정을 보세요.", "The run is too large for the page: see the estimate below."),
    ("run.edited", "편집한 시나리오 실행", "Run edited scenario"),
    ("run.running", "실행 중…", "Running…"),
    ("run.done", "완료", "Done"),
    ("run.announce_vdi", "{name}: 입력-화면 지연 p50 {ms} ms, 화면 갱신의 {pct} 표시", "{name}: input-to-display p50 {ms} ms, {pct} of the screen updates shown"),
    ("run.was", "이전 {}", "was {}"),
    ("run.was_vdi", "이전 p50 {ms} ms, {pct}", "was p50 {ms} ms, {pct}"),
    ("run.unchanged", "변화 없음", "unchanged"),
    ("run.cancelled", "취소됨", "Cancelled"),
    ("run.failed", "실행 실패", "Run failed"),
    ("run.events", "이벤트", "events"),
    ("run.cycles_simulated", "사이클 시뮬레이션됨", "cycles simulated"),
    ("run.took", "소요 시간", "took"),
    (
        "run.none",
        "아직 결과가 없습니다. 시나리오를 실행하세요.",
        "No results yet. Run a scenario.",
    ),
    ("tab.table", "비교표", "Comparison"),
    ("tab.charts", "차트", "Charts"),
    ("tab.timeline", "타임라인", "Timeline"),
    ("tab.paths", "스택과 경로", "Stack & paths"),
    ("tab.questions", "문제", "Questions"),
    ("tab.results", "결과 보기", "Result views"),
    // The native column's clause only where the table has one (`table::seed_caption`).
    (
        "table.caption",
        "가상화 방식 비교: 따옴표 속 검은 글씨는 개요 문서의 표 그대로, 파란 글씨는 이번 실행의 측정값",
        "Virtualization compared: black in quotes, the course overview's table as written; blue, what this run measured",
    ),
    (
        "table.caption_native",
        "가상화 방식 비교: 따옴표 속 검은 글씨는 개요 문서의 표 그대로(네이티브 열은 개요 문서의 표에 없으므로 그 검은 글씨는 따옴표 없이 쓴 이 시뮬레이터의 설명), 파란 글씨는 이번 실행의 측정값",
        "Virtualization compared: black in quotes, the course overview's table as written (the native column is not in it: its words, unquoted, are this simulator's); blue, what this run measured",
    ),
    (
        "table.seed_note",
        "검은 글씨의 평가(높음, 중간…)는 개요 문서가 각 방식의 전형적인 경우에 붙인 말이고, 이 시뮬레이터가 계산한 것이 아닙니다. 측정값이 그 말과 어긋나면(예: 성능 '높음'인데 네이티브 대비 31%) 측정값이 이 구성에서 실제로 일어난 일입니다: 어떤 연산이 비싼 경로를 타는지 '스택과 경로' 탭에서 찾아보세요.",
        "The ratings in black (high, medium…) are the words the course overview gives each kind for its typical case, not something this simulator computes. Where a measurement disagrees (say 'high' performance at 31% of native), the measurement is what this configuration did: the 'Stack & paths' tab shows which operations take the costly path.",
    ),
    // The comparison table's start-up figure, step by step (`components/startup_steps.rs`).
    ("startup.summary", "시작 시간은 어떻게 더해지나", "How the start-up adds up"),
    (
        "startup.note",
        "인스턴스 하나를 호스트에서 혼자 시작할 때 거치는 단계와 각 단계의 시간입니다. 합계가 위 표의 시작 시간(단독)입니다. 여러 인스턴스를 동시에 시작하면 CPU와 디스크를 나눠 쓰므로 마지막 인스턴스는 이보다 늦게 뜹니다. 각 값은 반올림한 것이라 합이 한두 자리 다를 수 있습니다.",
        "The steps one instance goes through when it starts alone on the host, each with its time; their total is the start-up figure (alone) in the table above. Instances started all at once share the CPUs and the disk, so the last is up later than this. Each figure is rounded, so their sum may differ from the total in its last digit.",
    ),
    ("startup.step", "단계", "Step"),
    ("startup.ms", "시간", "Time"),
    ("startup.total", "합계 (혼자 시작할 때)", "Total (started alone)"),
    // A session host's server OS is up already: what starts is a user's session, a logon,
    // as the comparison table says ("a logon 8105 ms alone", "로그온 단독 8105 ms").
    ("startup.total_logon", "합계 (로그온 단독)", "Total (a logon alone)"),
    (
        "startup.note_logon",
        "세션 호스트는 서버 OS가 이미 실행 중이므로, 시작하는 것은 사용자 한 명의 세션, 곧 로그온입니다. 그 합계가 표의 '로그온 단독' 시간입니다.",
        "A session host's server OS is running already: what starts is one user's session, a logon, and its total is the table's “a logon … alone”.",
    ),
    ("table.seed_word", "개요 문서의 표에 적힌 말 (측정값이 아님)", "The course overview's table as written (not a measurement)"),
    (
        "table.baseline_word",
        "개요 문서의 표에는 없는 열: 비교를 위해 이 시뮬레이터가 붙인 설명 (측정값이 아님)",
        "Not in the course overview's table: this simulator's description, for comparison (not a measurement)",
    ),
    ("table.aspect", "구분", "Aspect"),
    (
        "table.platforms",
        "플랫폼별 측정값",
        "Measured per platform",
    ),
    ("table.platform", "플랫폼", "Platform"),
    ("table.kind", "종류", "Kind"),
    ("table.faults", "장애 (주입과 OOM kill): 어디까지 번지나", "Faults (injected, and OOM kills): how far they reach"),
    ("table.failed", "장애", "Fault"),
    metric("table.stopped", Metric::InstancesStopped),
    ("table.survivors", "살아남은 인스턴스", "Survivors"),
    ("table.sessions_of", "세션 {}개", "{} sessions"),
    ("table.session_of", "세션 {}개", "{} session"),
    ("table.faults.sessions_note", "데스크톱 플랫폼에서는 괄호 안이 사용자 세션 수입니다: 세션 호스트의 인스턴스 하나(서버 OS 하나)는 세션 여러 개를 싣고, 데스크톱 VM 하나는 세션 하나를 싣습니다. 그래서 멈춘 인스턴스가 같은 1개라도 끝난 세션 수는 다를 수 있습니다.", "On a desktop platform the figure in brackets counts users' sessions: one instance of a session host (one server OS) carries many sessions, one desktop VM carries one. One instance stopped may therefore end very different numbers of sessions."),
    metric("table.ops_lost", Metric::OpsLost),
    ("table.recovery", "복구 시간", "Recovery"),
    ("table.recovery.host_boot", "그중 서버와 호스트 OS 부팅 {}", "of which the server and its host OS boot {}"),
    ("table.recovery.hypervisor_boot", "그중 서버와 하이퍼바이저 부팅 {}", "of which the server and its hypervisor boot {}"),
    ("table.recovery.restart_boot", "그중 하이퍼바이저의 재시작 대기와 서버와 하이퍼바이저 부팅 {}", "of which the hypervisor's wait before it restarts the host and the server's and hypervisor's boot {}"),
    ("table.attack", "공격 표면", "Attack surface"),
    ("table.attack_note", "진입점의 개수일 뿐 위험의 크기가 아닙니다: 에뮬레이션 장치 모델은 exit 핸들러보다 훨씬 크고, 공개된 VM 탈출은 대부분 장치 모델을 거쳤습니다(예: QEMU 플로피 컨트롤러의 VENOM, CVE-2015-3456).", "Counts of entry points, not of risk: an emulated device model is far larger than an exit handler, and most published VM escapes went through one (e.g. VENOM, CVE-2015-3456, in QEMU's floppy controller)."),
    ("table.memory", "호스트 메모리: 요구량, 회수, 스왑 (MiB; 페이징은 초당 4 KiB 페이지 수, 실행 전체 평균)", "Host memory: demand, reclaim, swap (MiB; paging in 4 KiB pages per second, averaged over the run)"),
    ("table.policy", "오버커밋 정책", "Overcommit policy"),
    ("table.overcommit", "오버커밋 비율", "Overcommit ratio"),
    ("table.demand", "요구량", "Demand"),
    ("table.resident", "상주", "Resident"),
    ("table.ballooned", "벌룬 / 보고", "Ballooned / reported"),
    ("table.merged", "KSM 공유", "Merged (KSM)"),
    ("table.swapped", "스왑 (작업 집합의 최대 %)", "Swapped (up to % of a working set)"),
    ("table.oom", "OOM kill", "OOM kills"),
    ("table.page_ins", "초당 페이지 인", "Page-ins/s"),
    ("table.page_outs", "초당 스왑 쓰기", "Swap writes/s"),
    (
        "table.at_end",
        "이 실행이 끝날 때 (회수가 아직 진행 중)",
        "at the end of this run (reclaim still under way)",
    ),
    ("table.migration", "마이그레이션 (VM: 프리카피, 컨테이너: 체크포인트/복원)", "Migration (VMs: pre-copy; containers: checkpoint/restore)"),
    ("table.rounds", "라운드", "Rounds"),
    ("table.converged", "수렴", "Converged"),
    ("table.downtime", "다운타임", "Downtime"),
    ("table.total", "전체 시간", "Total time"),
    ("table.sent", "전송 MiB", "Sent MiB"),
    ("table.slowdown", "게스트 감속 %", "Guest slowdown %"),
    ("table.yes", "예", "yes"),
    ("table.no", "아니요", "no"),
    ("table.interface", "닿을 수 있는 인터페이스", "Interface reachable"),
    ("table.entry_points", "진입점 수", "Entry points"),
    ("table.shared_by", "공유하는 인스턴스", "Shared by instances"),
    metric("table.user", Metric::GuestUserPercent),
    ("table.user.note", "사용자 모드 시간: VM은 게스트의 프로세스, 컨테이너·네이티브는 호스트 위의 프로세스.", "User-mode time: a VM's guest processes; for containers and native, processes on the host."),
    metric("table.kern", Metric::GuestKernelPercent),
    ("table.kern.note", "커널 모드 시간: VM은 자기 게스트 커널, 컨테이너는 모두가 공유하는 호스트 커널, 네이티브는 그 커널.", "Kernel-mode time: a VM's own guest kernel; for containers the host kernel they all share; natively its kernel."),
    metric("table.hyp", Metric::HypervisorPercent),
    metric("table.emu", Metric::DeviceEmulationPercent),
    metric("table.host", Metric::HostOsPercent),
    metric("table.idle", Metric::IdlePercent),
    ("table.hyp.note", "하이퍼바이저 안에서 쓴 시간: VM exit와 VM entry, exit 핸들러, 하이퍼콜, 그리고 드라이버 도메인이 없는 Type 1에서는 하이퍼바이저가 가진 실제 장치 드라이버까지(백엔드 자체의 일은 ‘장치 백엔드 %’). Type 2에서는 같은 종류의 일(호스트 OS로의 월드 스위치(world switch), VMM 프로세스의 시스템 콜, 호스트의 실제 드라이버)이 ‘호스트 OS·엔진 %’ 열에 들어갑니다. 그래서 Type 1과 Type 2의 가상화 비용은 이 열 하나가 아니라 하이퍼바이저 + 장치 백엔드 + 호스트 OS·엔진을 더해 비교하세요.", "Time spent in the hypervisor: VM exits and entries, exit handlers, hypercalls and, under type 1 without a driver domain, the real device drivers it holds too (the back ends' own work is under 'Device back ends %'). Under type 2 the same kind of work (the world switch to the host OS, the VMM process's system calls, the host's real driver) is counted under 'Host OS / engine %'. Compare the cost of type 1 and type 2 by adding hypervisor + device back ends + host OS / engine, not by this column alone."),
    ("table.emu.note", "게스트의 I/O를 처리하는 장치 백엔드가 쓴 시간으로, 에뮬레이션 장치와 반가상화 장치 모두 여기에 들어갑니다: 수정하지 않은 게스트 드라이버를 위해 실제 장치의 레지스터를 흉내 내는 장치 모델(QEMU의 e1000, IDE 같은)과, 공유 링에서 요청을 꺼내고 응답을 올리는 반가상화 백엔드(vhost, Xen의 netback·blkback 같은)입니다. 어디서 실행되든 이 열에 셉니다: Type 1 하이퍼바이저 안, Xen의 dom0 같은 드라이버 도메인(그 안의 실제 드라이버와 이벤트 채널 알림까지), Type 2의 VMM 프로세스(QEMU), 호스트의 vhost 스레드. 백엔드로 들어가는 트랩과 VM exit는 ‘하이퍼바이저 %’에, Type 2의 월드 스위치(world switch)·VMM 프로세스의 시스템 콜·호스트의 실제 드라이버는 ‘호스트 OS·엔진 %’에 들어갑니다.", "Time the device back ends spent on the guests' I/O, emulated and paravirtual alike: device models imitating a real device's registers for an unmodified guest driver (such as QEMU's e1000 or IDE), and paravirtual back ends taking requests off the shared rings and posting the responses (such as vhost, or Xen's netback and blkback). It counts here wherever they run: inside a type 1 hypervisor, in a driver domain such as Xen's dom0 (with the real drivers and event-channel notifications there), in the VMM process under type 2 (QEMU), or in a vhost thread of the host. The traps and VM exits into them are under 'Hypervisor %'; type 2's world switches, the VMM process's system calls and the host's real driver are under 'Host OS / engine %'."),
    ("table.exits.note", "시뮬레이션 1초마다 게스트의 연산이 하이퍼바이저로 들어간 횟수(플랫폼의 모든 인스턴스 합)입니다. 하드웨어 지원(하이브리드 포함)에서는 VM exit, 반가상화에서는 하이퍼콜과 트랩을 함께 셉니다(64비트 PV 게스트의 시스템 콜과 페이지 폴트는 하이퍼바이저를 거쳐 되돌아가므로 한 번에 두 번: 바운스와 iret 하이퍼콜). 바이너리 변환에서는 장치 접근과 특권 명령에 트랩이 없습니다. 변환된 코드가 VMM을 직접 호출(callout)하므로 세지 않습니다. 세는 것은 VMM으로 트랩되는 것들로, 섀도 페이징에서 게스트의 페이지 폴트, 그리고 시스템 콜(변환 없이 실행되는 사용자 코드의 SYSCALL이 VMM으로 트랩: 바이너리 변환에서 시스템 콜이 느린 까닭). 인터럽트는 모든 기법에서 external_interrupt로 셉니다. 하드웨어 지원에서는 VM exit(그리고 APICv가 없을 때 뒤따르는 APIC 접근과 타이머 쓰기)이고, 바이너리 변환과 반가상화에서는 게스트가 실행 중일 때 도착한 인터럽트가 인터럽트 테이블을 가진 VMM이나 Xen으로 들어갑니다: VM exit의 비용이 없는 진입입니다. 기법끼리 비교할 때는 원인별로 보세요. 컨테이너와 네이티브에는 하이퍼바이저가 없습니다. 차트 탭의 ‘원인별 exit·트랩’에서 원인별로 나눠 볼 수 있습니다.", "How many times per simulated second a guest's operation entered the hypervisor (all of a platform's instances together): VM exits under hardware assist (hybrid too), hypercalls and traps under paravirtualization, counted together (a 64-bit PV guest's system calls and page faults bounce through the hypervisor: two each, the bounce and the iret hypercall). Under binary translation, device accesses and privileged instructions do not trap: the translated code calls the VMM directly (callouts), which is not counted; what is counted are the traps into the VMM: the guest's page faults under shadow paging, and its system calls (untranslated user code's SYSCALL traps into the VMM: why system calls are slow under binary translation). Interrupts count under every technique as external_interrupt: under hardware assist a VM exit (and, without APICv, the APIC accesses and timer writes that follow); under binary translation and paravirtualization the interrupt that arrives while the guest runs enters the VMM or Xen, which own the interrupt table: a crossing without a VM exit's cost. Compare the techniques reason by reason. Containers and native have no hypervisor. The Charts tab's 'Exits and traps by reason' splits them by reason."),
    ("table.host.note", "컨테이너 엔진이 아니라 호스트 커널의 일입니다(dockerd 같은 엔진은 컨테이너의 데이터 경로에 없습니다. CLI에서는 호스트%): 호스트 OS 커널에서 쓴 시간으로, 컨테이너는 seccomp·cgroup·veth/브리지/NAT 경로, Type 2는 월드 스위치(world switch), VMM 프로세스의 시스템 콜과 호스트 드라이버, 그리고 VMM·vhost 스레드에 있는 백엔드를 위한 호스트 커널의 일(깨우기, 시스템 콜, 복사. 백엔드 자체의 링 처리는 ‘장치 백엔드 %’)입니다. Type 1 하이퍼바이저에는 호스트 OS가 없어 같은 일이 ‘하이퍼바이저 %’에 들어갑니다. 호스트 자체 프로그램이 있는 Type 2 호스트(host_background_percent)에서는 그 프로그램들의 시간도 여기에 들어가며, 이는 가상화의 비용이 아닙니다.", "Host kernel work, not a container engine's (no engine such as dockerd is on a container's data path; host% in the CLI): time in the host OS kernel, for containers their seccomp, cgroup and veth/bridge/NAT paths; for type 2 its world switches, the VMM process's system calls and the host's drivers; and the host kernel's work for back ends in VMM or vhost threads (their wake-ups, system calls and copies; the back ends' own ring work is under 'Device back ends %'). A type 1 hypervisor has no host OS: the same work is counted under 'Hypervisor %'. On a type-2 host with programs of its own (host_background_percent), their time is counted here too, and it is not the cost of virtualization."),
    ("table.idle.note", "아무것도 실행하지 않은 CPU 시간 (모든 코어 기준). 사용자·커널·하이퍼바이저·장치 백엔드·호스트 OS와 더하면 100%입니다.", "CPU time in which nothing ran (of all cores). With user, kernel, hypervisor, device back ends and host OS it adds up to 100%."),
    ("table.groups", "인스턴스 그룹별", "Per instance group"),
    (
        "table.bt",
        "바이너리 변환: 변환 캐시 (게스트 커널 코드)",
        "Binary translation: translation cache (guest kernel code)",
    ),
    ("table.bt_hit", "적중률 %", "Hit rate %"),
    (
        "table.bt_translate",
        "블록 변환 (pCPU 시간 %)",
        "Translating blocks (% of pCPU time)",
    ),
    (
        "table.bt.note",
        "변환 캐시에서 변환된 코드를 찾은 커널 블록 진입의 비율과, 캐시에 없던 블록을 변환하는 데 쓴 pCPU 시간(하이퍼바이저 몫의 일부)입니다.",
        "The share of guest kernel block entries that found their translation in the cache, and the pCPU time spent translating the blocks that missed (a part of the hypervisor share).",
    ),
    ("table.group", "그룹", "Group"),
    ("table.count", "개수", "Count"),
    ("table.count.session_note", "세션 호스트(RDS 방식)에서는 개수가 그 그룹 사용자의 세션 수입니다: 그룹의 인스턴스는 사용자들이 함께 쓰는 세션 호스트 VM입니다.", "On a session host (RDS-like) the count is the group's users' sessions: the group's instances are the session host VMs those users share."),
    (
        "table.relative.note",
        "이 플랫폼의 처리량(초당 연산)을 같은 인스턴스를 같은 호스트에서 네이티브로 실행한 처리량으로 나눈 백분율입니다(100%면 가상화 비용이 없음. 그룹이 여럿이면 각 그룹의 값을 네이티브에서 쓴 CPU 시간으로 가중한 평균). 네이티브 기준은 같은 인스턴스를 같은 호스트에서 같은 오버커밋·상한·스케줄링으로 실행하므로, 이 값은 가상화 자체의 비용만 보여 줍니다. 스케줄링 효과는 스틸 타임과 지연을 보세요. 100%를 넘을 수도 있습니다: 짧은 실행의 무작위 편차(기준 실행은 연산 시간을 따로 뽑으므로 몇 % 안팎) 때문이며, 그룹이라면 이웃 때문일 수도 있습니다: 가상화로 느려진 이웃은 네이티브보다 CPU를 덜 쓰므로 그 그룹에 기준 실행보다 더 많이 남깁니다. 평균이 어떤 그룹을 가리면(가장 낮은 그룹의 값이 플랫폼의 값과 다르게 찍히면) 그 그룹과 그 값이 아래에 ‘최저 그룹’으로 나옵니다.",
        "This platform's throughput (operations per second) divided by the throughput of the same instances run natively on the same host, in percent (100%: virtualization cost nothing; with several instance groups, the mean of the groups' figures weighted by the CPU time each used natively). The native baseline runs the same instances on the same host with the same overcommit, caps and scheduling, so this figure isolates the cost of virtualization itself; for scheduling effects look at steal time and latency. It can pass 100%: through a short run's random spread (the baseline draws its own operation times: a few percent either way), or, for a group, through its neighbours: a neighbour slowed by virtualization uses less CPU than natively and leaves the group more than the baseline did. Where the mean hides a group (the lowest group's figure prints otherwise than the platform's), that group and its figure stand under it as \"lowest group\"."
    ),
    (
        "table.relative.note_vdi",
        "VDI 플랫폼에서는 연산이 아니라 화면 갱신입니다: 사용자가 원한 화면 갱신 중 실제로 본 비율을, 같은 활동을 하는 로컬 PC의 비율과 비교합니다(처리량에는 로컬 PC가 하지 않는 디스플레이 에이전트의 전송도 들어 있습니다: TCP에서는 패킷 45개까지의 갱신마다 한 번, UDP에서는 패킷마다 한 번). 모든 갱신이 늦게라도 도착하면 100%이므로, 사용자가 느끼는 입력-화면 지연(로컬 PC의 값과 함께)이 칸의 맨 앞에 나옵니다.",
        "For a VDI platform it is screen updates, not operations: the share of the wanted updates its users see, over a local PC's share for the same activities (its throughput counts the display agent's sends too, which a local PC does not make: one per update of up to 45 packets over TCP, one per packet over UDP). Every update that arrives, however late, counts, so the cell leads with what its users feel, the input-to-display latency beside a local PC's.",
    ),
    ("table.relative.faulted", "장애로 멈춘 인스턴스는 그 뒤로 일을 하지 않으므로 초당 연산과 네이티브 대비가 그만큼 낮아집니다(아래 ‘장애’ 표 참고): {}.", "Throughput and Relative to native are lowered by the instances a fault stopped, which do nothing after it (see the Faults table below): {}."),
    ("table.relative.lowest", "최저 그룹: 그룹이 둘 이상인 플랫폼의 값은 각 그룹의 값을 그룹이 네이티브에서 쓴 CPU 시간으로 가중한 평균이라, 굶주린 그룹을 가릴 수 있습니다(다른 그룹이 그 그룹이 남긴 CPU를 가져가면 평균은 100% 가까이 남음). 그래서 그 아래에 가장 낮은 그룹과 그 그룹 자신의 값을, 두 값이 다르게 찍힐 때마다 적습니다. 모든 그룹의 값은 아래 그룹별 표에 있습니다.", "Lowest group: the figure of a platform with more than one group is their mean weighted by the CPU time each used natively, which can hide a starved group (neighbours that take the CPU it leaves keep the mean near 100%); under it stands the platform's lowest group with its own figure, wherever the two print differently. Every group's figure is in the per-group table below."),
    ("table.lowest_group", "최저 그룹: {group} {pct}", "lowest group: {group} {pct}"),
    ("table.cores", "코어", "cores"),
    ("table.core", "코어", "core"),
    metric("table.throughput", Metric::Throughput),
    metric("table.network", Metric::NetworkGbitS),
    (
        "table.network.note",
        "인스턴스의 워크로드가 net_send로 보내고 net_receive로 받은 메시지의 바이트 수(메시지마다 message_bytes)를 시뮬레이션 시간 1초당 기가비트(10^9비트)로 나타낸 값이며, 보낸 양(↑)과 받은 양(↓)을 더한 것입니다. 보낸 메시지는 마지막 바이트가 실행이 끝나기 전에 호스트 NIC를 떠났을 때, 받은 메시지는 도착했을 때 셉니다. 모델에는 프로토콜 헤더가 없으므로 이 값이 곧 회선을 지나간 바이트 전부입니다. NIC는 전이중이어서 송신과 수신 각 방향으로 host.nic.bandwidth_gbit_s까지 전송할 수 있고, 플랫폼의 모든 인스턴스가 이 대역폭을 나눠 씁니다. 값이 그보다 낮다면 워크로드에 더 보낼 것이 없었거나(연산 속도가 정함), CPU나 I/O 경로 때문에 더 빨리 보내지 못한 것입니다. 데스크톱의 화면 스트림(데스크톱 표의 kbit/s)과 라이브 마이그레이션의 트래픽은 포함하지 않습니다. net_send나 net_receive가 없는 플랫폼에는 값이 없습니다(—).",
        "The message bytes (message_bytes each) the instances' workloads sent by net_send and received by net_receive, in gigabits (10^9 bits) per simulated second, sent (↑) and received (↓) added. A sent message counts once its last byte has left the host's NIC within the run, a received one once it has arrived. The model has no protocol headers, so these are all the bytes on the wire. The NIC is full duplex: each direction carries up to host.nic.bandwidth_gbit_s, shared by all of the platform's instances; a platform below that either had no more to send (its operations' rate) or could not send faster (its CPU, its I/O path). A desktop's display stream (the desktop table's kbit/s) and a live migration's traffic are not in it. A platform without net_send or net_receive has no figure (—).",
    ),
    metric("table.relative", Metric::RelativePerformancePercent),
    ("table.vdi_latency", "입력-화면 지연 p50 {} ms", "input-to-display p50 {} ms"),
    ("table.vdi_local", " (로컬 PC {} ms)", " (local PC {} ms)"),
    ("table.vdi_updates", "표시된 화면 갱신 {} (로컬 PC 대비)", "{} of the screen updates shown (vs a local PC)"),
    ("table.vdi_no_updates", "실행 중 원한 화면 갱신 없음 (로그온 중이거나 유휴 데스크톱)", "no screen update wanted in the run (users still logging on, or idle desktops)"),
    ("table.vdi_no_input", "표시된 입력 없음", "no input displayed"),
    ("table.costliest", "시간은 어디에 쓰였나 →", "Where the time went →"),
    ("table.costliest_none", "어느 한 연산의 경로도 이 차이를 설명하지 못합니다(가장 비싼 연산도 바쁜 CPU 시간의 10분의 1에 못 미칩니다). 여기서는 하이퍼바이저가 CPU의 {hyp}%, 장치 백엔드가 {emu}%, 호스트 OS가 {host}%를 쓰고, vCPU는 시간의 {steal}% 동안 코어를 기다립니다. 어떤 메커니즘인지는 시나리오 설명에 있습니다.", "No one operation's path carries this gap (the costliest adds under a tenth of the busy CPU time): here the hypervisor takes {hyp}% of the CPU, the device back ends {emu}%, the host OS {host}%, and the vCPUs wait for a core {steal}% of their time; the scenario's description says which mechanism that is."),
    ("table.costliest_title", "네이티브보다 가장 많은 사이클을 더 쓴 연산을 스택과 경로 탭에서 한 단계씩 보거나, 그런 연산이 없으면 시간이 어디에 쓰였는지 봅니다", "Steps through the operation that cost it the most cycles over native, on the Stack & paths tab, or says where else its time went"),
    ("table.vdi_noticeable", ": 150 ms 초과, 지연이 느껴짐", ": over 150 ms, a noticeable lag"),
    ("table.vdi_poor", ": 300 ms 초과, 나쁨", ": over 300 ms, poor"),
    metric("table.p99", Metric::P99LatencyUs),
    // names::metric's words, with no line break inside the Korean heading: a word joiner on
    // each side of the middle dot and a no-break space before the percent sign (the review's
    // 비교 표 broke it after "·").
    ("table.steal", "스틸\u{2060}·\u{2060}대기\u{a0}%", "Steal / wait %"),
    ("table.steal.note", "VM: 실행 가능한 vCPU가 pCPU를 기다린 시간(스틸). 컨테이너·네이티브: 스레드가 실행 큐에서 기다린 시간. 이유는 같습니다: 빈 CPU가 없거나, 상한(cap, quota)을 다 써서 기다립니다. 그래서 상한이 걸린 행은 유휴 시간과 함께 나타나고, 이 열은 위의 CPU 비율(합 100%)에 더해지지 않습니다.", "VMs: the time a runnable vCPU waited for a pCPU (steal). Containers and native: the time their threads waited in the run queue. The reasons are the same: no CPU free, or the cap (quota) used up, which is why a capped row shows idle time beside it. It is not one of the CPU shares, which add up to 100% without it."),
    metric("table.exits", Metric::ExitsPerSecond),
    (
        "chart.relative",
        "네이티브 대비 성능",
        "Performance relative to native",
    ),
    ("chart.relative_desktop_mixed", "원격 데스크톱 플랫폼은 이 차트에 막대가 없습니다: 그 사용자에게 중요한 것은 연산의 처리량이 아니라 입력마다 화면에 나타나기까지의 시간입니다. “{who}”에서 중앙값 {p50} ms, 로컬 PC에서 {local} ms (비교표의 성능 행). 사용자가 보는 화면 갱신의 비율은 비교표 탭의 “플랫폼별 측정값”에 있습니다.", "Remote-desktop platforms have no bar on this chart: what counts for their users is not operations done but how long each input takes to reach the screen: a median of {p50} ms on “{who}” against {local} ms on a local PC (the comparison table's performance row). The share of the screen updates they see is in the Comparison tab's “Measured per platform”."),
    ("chart.relative_desktop", "원격 데스크톱 플랫폼의 막대는 사용자가 원하는 화면 갱신 중 실제로 보는 비율입니다(로컬 PC는 모두 보여 줍니다: 100%). 갱신마다 얼마나 기다리는지는 보여 주지 않습니다. 그것은 입력→화면 지연이 보여 줍니다: “{who}”에서 중앙값 {p50} ms, 로컬 PC에서 {local} ms (비교표의 성능 행).", "For a remote-desktop platform the bar is the share of the screen updates its users want that they see (a local PC shows them all: 100%); it does not show how long they wait for each. Input-to-display latency does: a median of {p50} ms on “{who}” against {local} ms on a local PC (the comparison table's performance row)."),
    ("chart.cpu", "CPU 시간 구성", "CPU-time breakdown"),
    ("chart.log_axis", "로그 눈금", "log"),
    (
        "chart.exits",
        "원인별 exit·트랩",
        "Exits and traps by reason",
    ),
    (
        "chart.mem_end",
        "실행이 끝날 때 회수가 아직 진행 중:",
        "Reclaim still under way when the run ends:",
    ),
    (
        "chart.mem_end_ksm",
        "KSM이 {all} MiB 중 {now} MiB를 합침",
        "KSM has merged {now} of {all} MiB",
    ),
    (
        "chart.mem_end_balloon",
        "벌룬/보고가 {all} MiB 중 {now} MiB를 돌려줌",
        "the balloon and free page reporting have given back {now} of {all} MiB",
    ),
    (
        "chart.exits_none",
        "VM exit나 하이퍼바이저 트랩이 없어 그릴 것이 없습니다: 이 플랫폼들(컨테이너, 네이티브)의 시스템 콜과 폴트는 하이퍼바이저를 거치지 않고 호스트 커널로 바로 갑니다.",
        "Nothing to draw: no VM exits or hypervisor traps. On these platforms (containers, native) system calls and faults go straight to the host kernel, with no hypervisor in between.",
    ),
    (
        "chart.exits_some_none",
        "VM exit나 하이퍼바이저 트랩 없음: {} (시스템 콜과 폴트가 호스트 커널로 바로 감)",
        "No VM exits or hypervisor traps: {} (system calls and faults go straight to the host kernel)",
    ),
    (
        "chart.exits_nothing",
        "그릴 것이 없습니다.",
        "Nothing to draw.",
    ),
    (
        "chart.exits_bt_none",
        "VM exit나 트랩 없음: {} (바이너리 변환: 변환된 코드가 VMM을 직접 호출(callout)해 장치 에뮬레이션과 특권 작업을 맡기므로 트랩이 없습니다. 그 비용은 하이퍼바이저 시간으로 나타납니다)",
        "No VM exits or traps: {} (binary translation: the translated code calls the VMM directly (callouts) for device emulation and privileged work, without a trap; its cost shows as hypervisor time)",
    ),
    (
        "chart.latency",
        "지연 (p50 / 평균 / p99)",
        "Latency (p50 / mean / p99)",
    ),
    ("chart.download_svg", "SVG로 저장", "Save as SVG"),
    ("chart.download_png", "PNG로 저장", "Save as PNG"),
    ("chart.distribution", "지연 누적 분포", "Cumulative latency distribution"),
    ("chart.op", "연산", "Operation"),
    ("chart.copies", "복제본 수", "copies"),
    ("chart.sweep_p99", "통합 곡선: p99 지연 (점선 = 목표)", "Consolidation: p99 latency (dashed = target)"),
    ("chart.sweep_throughput", "통합 곡선: 처리량", "Consolidation: throughput"),
    ("chart.startup", "시작 시간", "Start-up time"),
    ("chart.startup_one", "인스턴스 하나", "one instance"),
    ("chart.startup_all", "모두 동시에", "all at once"),
    metric("chart.density", Metric::Density),
    ("chart.density_memory", "메모리 기준", "memory bound"),
    ("chart.density_cpu", "CPU 기준", "CPU bound"),
    ("chart.density_both", "계산상 (둘 중 작은 값)", "by arithmetic (the lower)"),
    ("chart.density_note", "메모리 기준과 CPU 기준은 계산값입니다: 호스트 메모리 ÷ 인스턴스 하나의 점유량, 그리고 사용 상한까지의 코어 ÷ 인스턴스 하나가 네이티브 속도를 내는 데 필요한 CPU입니다(사용 상한은 여유를 둔 계획값이지 넘을 수 없는 한계가 아닙니다. 각 수치의 계산은 비교표의 OS 유무 행에 있습니다).", "The memory and CPU bounds are arithmetic: the host's memory over one instance's footprint, and its cores up to the utilization ceiling over the CPU one instance needs to keep up with native (the ceiling is a planning margin, not a hard limit; the comparison table's OS requirement row works out each figure)."),
    ("chart.density_note_found", " 실행으로 찾은 값은 스윕에서 지연 목표를 지킨 가장 많은 인스턴스 수로, CPU 기준 값을 넘을 수 있습니다.", " Found by running is the most instances of the sweep that met its latency target, which can pass the CPU bound."),
    ("chart.density_found", "실행으로 찾은 값 (스윕)", "found by running (the sweep)"),
    ("chart.instances", "인스턴스 수", "instances"),
    ("chart.vdi", "원격 데스크톱 반응 지연 (입력→화면)", "Remote desktop latency (input to screen)"),
    ("chart.vdi_local", "로컬 PC p50", "local PC p50"),
    ("chart.vdi_good", "150 ms 미만: 좋음", "good below 150 ms"),
    ("chart.vdi_poor", "300 ms 초과: 나쁨", "poor above 300 ms"),
    ("chart.vdi_refs", "점선: 입력이 화면에 나타나기까지 150 ms 미만이면 좋게 느껴지고 300 ms를 넘으면 나쁩니다(Microsoft Azure Virtual Desktop 문서, 참고 자료 5절). 로컬 PC p50: 같은 데스크톱을 가상화, 디스플레이 프로토콜, 네트워크 없이 자기 PC에서 실행한 중앙값입니다.", "Dashed lines: an input that reaches the screen within 150 ms feels good, after more than 300 ms poor (Microsoft's Azure Virtual Desktop documentation, the reference's section 5). Local PC p50: the same desktops' median on a PC of their own, without virtualization, display protocol or network."),
    ("chart.vdi_distribution", "사용자 화면에서의 입력→화면 지연 분포", "Input-to-display latency at the user's screen: distribution"),
    ("chart.vdi_bandwidth", "세션당 대역폭의 시간 변화 (100 ms 구간)", "Bandwidth per session over time (100 ms steps)"),
    ("chart.time_ms", "시간 (ms)", "time (ms)"),
    ("chart.memory", "시간에 따른 메모리", "Memory over time"),
    ("chart.mem_resident", "상주 (호스트 메모리)", "resident (host memory)"),
    ("chart.mem_cache", "그중 페이지 캐시 (memcg가 먼저 내보냄)", "of which page cache (memcg evicts it first)"),
    ("chart.mem_balloon", "벌룬이 돌려줌", "given back by the balloon"),
    ("chart.mem_reported", "여유 페이지 보고", "reported free"),
    ("chart.mem_shared", "KSM이 공유", "shared by KSM"),
    ("chart.mem_swapped", "호스트 스왑", "on the host's swap"),
    ("chart.mem_first", "인스턴스 {n}개 중 처음 {}개만 시간에 따라 기록됩니다.", "Only the first {} of {n} instances are followed over time."),
    ("chart.migration", "라이브 마이그레이션 라운드", "Live migration rounds"),
    ("chart.mig_dashed", "점선: 다운타임 목표 안에 보낼 수 있는 양. 옮기는 인스턴스: {}.", "Dashed: what the link sends within the downtime target. Instance moved: {}."),
    ("chart.mem_axis_mean", "MiB (인스턴스당 평균)", "MiB (mean per instance)"),
    ("chart.mig_sent", "라운드에서 보낸 양", "sent in the round"),
    ("chart.mig_dirty", "그동안 더러워진 양 (다음 라운드)", "dirtied meanwhile (the next round)"),
    ("chart.mig_converged", "{rounds}라운드 만에 수렴: 마지막 정지 후 복사(stop-and-copy)는 {down} ms(목표 {target} ms), 전체 {total} ms.", "Converged after {rounds} rounds: the final stop-and-copy takes {down} ms (target {target} ms), {total} ms in all."),
    ("chart.mig_converged_one", "{rounds}라운드 만에 수렴: 마지막 정지 후 복사(stop-and-copy)는 {down} ms(목표 {target} ms), 전체 {total} ms.", "Converged after 1 round: the final stop-and-copy takes {down} ms (target {target} ms), {total} ms in all."),
    ("chart.mig_checkpoint", "체크포인트와 복원: 컨테이너를 얼리고 프로세스 메모리(작업 집합)를 한 번에 덤프해 보냅니다({down} ms, 목표 {target} ms). 페이지 캐시는 파일과 함께 남고 런타임은 대상에서 새로 시작합니다. 프리카피 라운드가 없으므로 수렴을 따질 것이 없습니다. 전체 {total} ms.", "Checkpoint and restore: the container is frozen and its processes' memory (its working set) is dumped and sent in one go ({down} ms, target {target} ms; the page cache stays with the files and the runtime starts afresh on the destination); there are no pre-copy rounds, so there is nothing to converge. {total} ms in all."),
    ("chart.mig_unfinished", "실행이 끝날 때 아직 진행 중: {rounds}라운드를 {total} ms 동안 보냈고 정지 후 복사는 아직입니다. 실행을 더 길게 하세요(첫 라운드만 해도 VM 메모리를 링크로 보내는 시간이 걸립니다).", "Still running when the run ended: {rounds} rounds in {total} ms, no stop-and-copy yet. Make the run longer (round 0 alone takes the VM's memory over the link)."),
    ("chart.mig_throughput", "이동 중 게스트 초당 연산", "Migrating guest's ops/s"),
    ("chart.mig_ops", "이 플랫폼에서 (초당 연산)", "on this platform (ops/s)"),
    ("chart.mig_native", "네이티브 (초당 연산)", "natively (ops/s)"),
    ("chart.ckpt_gap", "체크포인트와 복원 동안 컨테이너는 {down} ms 얼어 있습니다: 처리량의 빈틈. 프리카피도 더티 로깅도 없어, 그 앞에서 느려지는 일은 없습니다.", "The container is frozen for {down} ms while its checkpoint is dumped, sent and restored: a gap in its throughput. There is no pre-copy and no dirty logging, so nothing slows it before."),
    ("chart.mem_limit", "점선: 메모리 상한(cgroup) {limit} MiB. 상주 메모리에는 cgroup 밖에 있는 런타임 shim({runtime} MiB)도 들어 있어 상한보다 조금 위에 그려질 수 있습니다.", "Dashed: the memory limit (cgroup), {limit} MiB. Resident memory also holds the runtime shim ({runtime} MiB), which lives outside the cgroup, so it may be drawn a little above the limit."),
    ("chart.mig_gap", "더티 로깅이 프리카피 동안 게스트를 늦추고({slow}% 느림), 정지 후 복사 {down} ms 동안 게스트는 멈춥니다: 처리량의 빈틈.", "Dirty logging slows the guest during the pre-copy ({slow}% slower than natively), and during the {down} ms stop-and-copy it is paused: a gap in its throughput."),
    ("chart.mig_not_converged", "수렴하지 않음: 게스트가 링크가 보내는 만큼 빨리 페이지를 더럽혀 남은 양이 목표 아래로 줄기 전에 {rounds}라운드 한도에 닿았고, 정지 후 복사(stop-and-copy)가 {down} ms(목표 {target} ms) 걸립니다. 전체 {total} ms.", "Did not converge: the guest dirties pages about as fast as the link sends them, so what is left did not shrink below the target before the {rounds}-round limit; the stop-and-copy takes {down} ms (target {target} ms), {total} ms in all."),
    ("chart.steal", "스틸·대기 시간 (실행할 수 있는데 CPU를 기다린 시간)", "Steal / wait time (runnable, waiting for a CPU)"),
    ("chart.steal_tiny", "스틸 타임이 모든 플랫폼에서 0.1% 미만이라 막대가 보이지 않습니다 (가장 큰 값: {who} {pct}). 실행 가능한 vCPU가 pCPU를 기다린 시간이 거의 없었습니다: vCPU가 pCPU를 나눠 써야 할 때, 곧 vCPU가 pCPU보다 많거나(오버커밋) 호스트 자체 프로그램과 함께 돌 때 스틸이 커집니다.", "Steal stays under 0.1% on every platform, too little to show as a bar (largest: {who}, {pct}). Runnable vCPUs hardly waited for a pCPU: steal grows when vCPUs must share pCPUs, with more vCPUs than pCPUs (overcommit) or beside the host's own programs."),
    ("chart.steal_none", "스틸 없음(0%): {}.", "No steal (0%): {}."),
    ("chart.steal_small", "막대로 보이기에는 너무 작음: {}.", "Too little to show as a bar: {}."),
    ("chart.steal_axis", "vCPU 시간 대비 %", "% of vCPU time"),
    ("chart.mean", "평균", "mean"),
    ("chart.share", "비율 (%)", "share (%)"),
    ("chart.cumulative", "누적 (%)", "cumulative (%)"),
    ("chart.percent_native", "네이티브 대비 %", "% of native"),
    ("chart.per_second", "초당 횟수", "per second"),
    (
        "timeline.caption",
        "pCPU별 사이클 타임라인",
        "Cycle timeline per pCPU",
    ),
    (
        "timeline.binned",
        "이 배율에서는 실행 조각이 너무 많아, 각 막대가 자기 시간 동안 범주별로 쓴 CPU 시간의 비율을 쌓아 보여 줍니다. 확대하면 실행 조각 하나하나가 보입니다.",
        "At this zoom there are too many segments: each column stacks the share of CPU time each category used in it. Zoom in to see single segments.",
    ),
    ("timeline.zoom_in", "확대", "Zoom in"),
    ("timeline.zoom_out", "축소", "Zoom out"),
    // The buttons' titles (a pointer's tooltip): what they zoom, and the key that does it.
    ("timeline.zoom_in.title", "타임라인 확대 (+ 키)", "Zoom in on the timeline (+ key)"),
    ("timeline.zoom_out.title", "타임라인 축소 (- 키)", "Zoom out of the timeline (- key)"),
    ("timeline.zoom_in.deepest", "더 확대할 수 없습니다: 화면 너비가 {}사이클인 가장 깊은 확대입니다", "Cannot zoom in further: the view is at its deepest, {} cycles across"),
    ("timeline.zoom_out.all", "더 축소할 수 없습니다: 실행 전체를 보고 있습니다", "Cannot zoom out further: the whole run is shown"),
    ("timeline.pan.all", "옮길 수 없습니다: 실행 전체를 보고 있습니다", "Cannot pan: the whole run is shown"),
    ("timeline.left", "왼쪽으로", "Pan left"),
    ("timeline.right", "오른쪽으로", "Pan right"),
    ("timeline.reset", "전체 보기", "Show all"),
    (
        "timeline.opening",
        "기록의 첫 부분({})부터 보여 줍니다. 이 폭에서는 구간 하나하나가 보입니다. 실행 전체는 ‘전체 보기’ 버튼이나 Home 키로 봅니다.",
        "Opened on the start of the recording ({}), where single segments are wide enough to see; “Show all” or Home shows the whole run.",
    ),
    (
        "timeline.none",
        "이 실행에는 트레이스가 없습니다.",
        "This run has no trace.",
    ),
    (
        "timeline.help",
        "←/→ 이동, +/− 확대·축소, Home 또는 0 전체 보기, [ ] 실행 조각 선택. 실행 조각에 마우스를 올리면 무엇이 왜 실행됐는지 보입니다.",
        "←/→ pan, +/− zoom, Home or 0 the whole run, [ ] step through segments. Hover a segment to see what ran and why.",
    ),
    ("timeline.platform", "플랫폼", "Platform"),
    ("timeline.trap", "exit·트랩", "exit/trap"),
    ("timeline.windows", "트레이스가 한도에 닿아, 실행 전체에 고르게 놓인 기록 창 {}개만 기록했습니다(기록한 시간 합계 {} ms). 회색 틈은 기록되지 않았습니다.", "The trace reached its bound, so it records {} windows spread over the run ({} ms recorded in total); the grey gaps were not recorded."),
    ("timeline.truncated", "트레이스가 한도에서 잘렸습니다 (앞부분만 표시).", "The trace hit its bound and was cut short (only the start is shown)."),
    (
        "paths.left_out",
        "표에서 뺀 플랫폼: {platforms}. 이번 실행에서 이 플랫폼들의 워크로드는 ‘{op}’ 연산을 한 번도 하지 않았습니다.",
        "Left out of the table: {platforms}. Their workloads made no {op} in this run.",
    ),
    (
        "paths.none_made",
        "이번 실행에서 ‘{op}’ 연산을 한 플랫폼은 없습니다. 아래 경로는 그 연산을 한다면 드는 비용입니다.",
        "No platform made a {op} in this run: the paths below are what one would cost.",
    ),
    (
        "paths.not_made",
        "이번 실행에서 이 플랫폼의 워크로드는 ‘{op}’ 연산을 한 번도 하지 않았습니다. 그래서 그 경로는 보이지 않습니다.",
        "This platform's workload made no {op} in this run, so its path is not shown.",
    ),
    ("paths.subtotals", "계층별 사이클 (연산 1회)", "Cycles per layer (one operation)"),
    ("paths.same_as", "경로가 다음과 같음:", "Same path as"),
    ("paths.layers", "계층", "Layers"),
    ("paths.operation", "연산", "Operation"),
    ("paths.step", "단계", "Step"),
    ("paths.layer", "계층", "Layer"),
    ("paths.cycles", "사이클", "Cycles"),
    ("paths.total", "연산당 합계 (일괄 처리분은 나눠서)", "Total per operation (batched steps amortized)"),
    ("paths.every", "일괄 처리: 연산 {}회마다 한 번", "batched: once every {} operations"),
    ("paths.export_csv", "이 표를 CSV로 내려받기", "Download this table as CSV"),
    ("paths.backend_elsewhere_waited", "이 플랫폼에서 '백엔드가 실행'으로 표시된 {} 사이클은 하이퍼바이저 밖(드라이버 도메인, VMM 프로세스, vhost 스레드)에서, 스케줄러(드라이버 도메인이면 Xen의 것, 스레드면 호스트의 것)가 내주는 다른 pCPU에서 실행됩니다. 게스트의 스레드는 그 작업을 기다리므로, 게스트가 재는 지연(차트)에는 이 사이클에 더해 그 작업으로의 전환과 pCPU를 기다린 시간이 들어갑니다. 단계별 보기가 플랫폼마다 자세히 설명합니다.", "On this platform, the {} cycles marked 'run by the back end' run outside the hypervisor (a driver domain, the VMM process, a vhost thread), on a pCPU that the scheduler (Xen's for a driver domain, the host's for a thread) gives them. The guest's thread waits for them: the latency it measures (the charts) has them, plus the switches to them and any wait for a pCPU. The step-through explains it for each platform."),
    ("paths.backend_elsewhere", "이 플랫폼에서 '백엔드가 실행'으로 표시된 {} 사이클은 하이퍼바이저 밖(드라이버 도메인, VMM 프로세스, vhost 스레드)에서, 스케줄러(드라이버 도메인이면 Xen의 것, 스레드면 호스트의 것)가 내주는 다른 pCPU에서 실행됩니다. 게스트의 전송은 요청이 링에 올라가면 끝나므로, 게스트가 재는 지연(차트)에는 이 사이클이 빠집니다. 호스트는 여전히 이 일을 전환까지 더해 다른 pCPU에서 치릅니다. 단계별 보기가 플랫폼마다 자세히 설명합니다.", "On this platform, the {} cycles marked 'run by the back end' run outside the hypervisor (a driver domain, the VMM process, a vhost thread), on a pCPU that the scheduler (Xen's for a driver domain, the host's for a thread) gives them. The guest's send returns once the request is on the ring, so the latency it measures (the charts) leaves them out; the host still pays for them, plus a switch, on another pCPU. The step-through explains it for each platform."),
    ("paths.completion", "완료 (장치·타이머가 끝낸 뒤)", "Completion (after the device or timer finishes)"),
    ("paths.swap", "추가로, 호스트 스왑에 있는 페이지를 건드리면 더해지는 것 (이 실행의 연산 중 {}가 건드림)", "In addition, what a touch of a page on the host's swap adds ({} of this run's operations touched one)"),
    ("paths.swap_writeback", "회수한 페이지가 더러우면 (이 실행의 페이지 인 중 {}): 쓰기를 시작하고 기다리지 않음", "When the page it reclaims is dirty ({} of this run's page-ins): its write is started, not waited for"),
    ("paths.swap_wait", "4 KiB 읽기를 기다림: 디스크 지연 {} µs(약 {} 사이클, CPU가 아님), 앞에 쌓인 요청 뒤에서 (스레드는 블록되고 vCPU는 다른 일을 할 수 있음)", "Waits for the 4 KiB read: the disk's {} µs latency (about {} cycles, not CPU), behind the requests queued before it (the thread blocks; the vCPU may run other work)"),
    ("paths.swap_wait_process", "4 KiB 읽기를 기다림: 디스크 지연 {} µs(약 {} 사이클, CPU가 아님), 앞에 쌓인 요청 뒤에서 (스레드는 블록되고 코어는 다른 스레드를 실행할 수 있음)", "Waits for the 4 KiB read: the disk's {} µs latency (about {} cycles, not CPU), behind the requests queued before it (the thread blocks; the core may run other threads)"),
    ("paths.swap_resume", "읽기가 끝난 뒤", "When the read completes"),
    (
        "paths.swap_repeat",
        "연산 하나가 페이지를 여러 개 건드리므로(`page_touches_per_op`), 페이지 인한 연산은 평균 {}번 페이지 인했습니다. 차례로 한 번씩, 그때마다 이 단계를 모두 거칩니다.",
        "An operation touches several pages (`page_touches_per_op`), so one that paged in did so {} times on average: one page-in after another, each paying all these steps.",
    ),
    ("paths.swap_total", "페이지 인당 CPU 합계 (쓰기는 그 비율만큼; 기다림은 빼고)", "CPU per page-in (the write weighted by its share; the wait aside)"),
    ("paths.help", "같은 연산이 플랫폼마다 어떤 계층을 거치는지, 단계마다 몇 사이클이 드는지 비교하세요.", "Compare which layers the same operation crosses on each platform, and the cycles each step costs."),
    (
        "questions.none",
        "이 시나리오에는 문제가 없습니다.",
        "This scenario has no questions.",
    ),
    ("questions.left_out_one", "이 설정에서는 시나리오의 문제 중 {}개가 빠졌습니다: 이번 실행이 하지 않는 것(예: 고른 워크로드가 하지 않는 연산)을 묻는 문제입니다. 보려면 시나리오 값으로 되돌리세요.", "{} of the scenario's questions is left out with these settings: it asks about something this run does not do (such as an operation the chosen workload does not make). Reset to the scenario's values to see it."),
    ("questions.left_out", "이 설정에서는 시나리오의 문제 중 {}개가 빠졌습니다: 이번 실행이 하지 않는 것(예: 고른 워크로드가 하지 않는 연산)을 묻는 문제입니다. 보려면 시나리오 값으로 되돌리세요.", "{} of the scenario's questions are left out with these settings: they ask about something this run does not do (such as an operation the chosen workload does not make). Reset to the scenario's values to see them."),
    ("questions.choose", "먼저 답을 고르거나 입력하세요", "Choose or type an answer first"),
    ("questions.tolerance", "허용 오차: 정답 값의 ±{}% (상대 오차)", "Accepted within ±{}% of the correct value (relative)"),
    ("questions.tolerance_percent", "허용 오차: 정답 값의 ±{}% (퍼센트포인트가 아니라 정답 값에 대한 상대 오차입니다. 예를 들어 정답이 50%라면 {}%부터 {}%까지 정답으로 인정됩니다)", "Accepted within ±{}% of the correct value, relative, not percentage points: if the answer were 50%, anything from {}% to {}% would be right"),
    ("questions.accepted_range", "{} (정답 범위 {}~{}, 이 값의 ±{}%)", "{} (accepted: {} to {}, ±{}% of it)"),
    ("questions.exact", "정확한 값이어야 정답입니다", "The exact number is needed"),
    ("questions.exact_printed", "표에 적힌 값 그대로(소수 둘째 자리까지) 입력해야 정답입니다", "The figure as printed is needed (to two decimals)"),
    ("questions.in_percent", "답은 퍼센트 단위입니다: 57.7%라면 0.577이 아니라 57.7로 입력하세요.", "The answer is in percent: for 57.7% type 57.7, not 0.577."),
    ("questions.fraction", "{given}은(는) 비율인가요, 퍼센트인가요? 답은 퍼센트 단위입니다. {percent}%라는 뜻이면 {percent}(으)로, {given}%라는 뜻이면 % 기호를 붙여 {given}%(으)로 입력하세요.", "Is {given} a fraction or a percentage? The answer is in percent: for {percent}% type {percent}; for {given}% itself, type it with the sign, {given}%."),
    ("questions.decimal_comma", "“{given}”은(는) 읽지 않았습니다. 세 자리 숫자 앞의 쉼표는 천 단위 구분 기호인데, 그런 수는 0으로 시작하지 않습니다. 소수라면 {point}처럼 점으로 쓰세요.", "“{given}” is not read: a comma before three digits separates thousands, and such a number does not start with 0. For a decimal, write it with a point: {point}."),
    ("questions.read_as", "{}(으)로 읽었습니다.", "Read as {}."),
    ("questions.number_only", "개수를 숫자로 입력하세요(예: 3 또는 3개). 다른 단위나 글자는 붙이지 마세요.", "Type the count as a number, such as 3, with nothing after it."),
    ("questions.wrong_unit", "답의 단위는 `{unit}`입니다. “{given}”은(는) 다른 단위입니다.", "The answer is in `{unit}`; “{given}” is in another unit."),
    ("questions.wrong_unit_count", "답은 단위 없는 개수입니다. “{given}”에는 단위가 있습니다.", "The answer is a count, without a unit; “{given}” has one."),
    ("questions.number_unit", "숫자로 입력하세요(예: 1,234.5). 뒤에 {} 단위를 붙여도 됩니다.", "Type a number, such as 1,234.5; you may add the unit {} after it."),
    ("questions.unit", "단위", "unit"),
    ("questions.answer", "답", "Answer"),
    ("questions.check", "확인", "Check"),
    ("questions.reveal", "정답 보기", "Reveal answer"),
    ("questions.hide", "정답 숨기기", "Hide answer"),
    // The same buttons' accessible names: the visible words first (what voice control says).
    ("questions.reveal_n", "정답 보기: {}번 문제", "Reveal answer to question {}"),
    ("questions.hide_n", "정답 숨기기: {}번 문제", "Hide answer to question {}"),
    ("questions.correct", "정답입니다!", "Correct!"),
    (
        "questions.wrong",
        "다시 생각해 보세요.",
        "Not quite — try again.",
    ),
    ("questions.wrong_revealed", "틀렸습니다. 정답은 아래에 있습니다.", "Not quite: the answer is below."),
    ("questions.look.column", "비교표 탭의 ‘{}’ 열에서 찾아보세요.", "Look in the Comparison tab, column “{}”."),
    ("questions.look.table_column", "비교표 탭 아래쪽의 ‘{}’ 표, ‘{}’ 열에서 찾아보세요.", "Look in the Comparison tab, further down: the table “{}”, column “{}”."),
    ("questions.look.desktop", "비교표 탭의 데스크톱 표, ‘{}’ 열에서 찾아보세요.", "Look in the Comparison tab's desktop table, column “{}”."),
    ("questions.look.all_columns", " 이 화면에서는 그 열이 숨겨져 있으니 먼저 표 위의 ‘모든 열 보기 (CPU 비율 포함)’를 누르세요.", " That column is hidden here: press “Show every column (CPU shares too)” above the table first."),
    ("questions.look.op", " 차트 위의 ‘연산’ 메뉴에서 ‘{}’을(를) 고르세요.", " Pick the operation “{}” in the Operation menu above the charts."),
    ("questions.look.chart", "차트 탭의 ‘{}’ 차트에서 찾아보세요(‘숫자로 보기’를 누르면 값이 표로 나옵니다).", "Look in the Charts tab, chart “{}” (“Show the numbers” lists its values)."),
    ("questions.look.footprint", "비교표 탭의 ‘가상화 방식 비교’ 표, ‘OS 유무’ 행(인스턴스당 MiB)에서 찾아보세요.", "Look in the Comparison tab's comparison table, row “OS requirement” (MiB per instance)."),
    ("questions.computed", "시뮬레이터가 계산한 정답", "Computed answer"),
    ("questions.settings_differ", "이 설명은 시나리오에 적힌 설정을 기준으로 쓰였습니다. 이번 실행은 설정이 달라서({}) 설명 속 수치가 계산된 정답과 다를 수 있습니다.", "Written for the scenario as written; this run's settings differ ({}), so its figures may not match the computed answer."),
    ("questions.contradicted", "이 설정({})에서는 정답이 {}입니다. 아래 설명은 시나리오에 적힌 설정에 맞춰 쓴 것이고, 그 설정의 정답은 {}입니다: 그 정답을 설명하는 글로 읽으세요.", "With these settings ({}) the answer is {}; this explanation was written for the scenario as written, whose answer is {}: read it as the reasoning for that answer."),
    ("questions.contradicted.none", "정답 없음(어느 플랫폼에도 값이 없음)", "none (no platform has a figure)"),
    ("settings.seed", "시드 {}", "seed {}"),
    ("settings.instances", "그룹당 인스턴스 {}개", "instances per group {}"),
    ("settings.group_instances", "{} 인스턴스 {}개", "instances of {} {}"),
    ("settings.vcpus", "인스턴스당 vCPU {}개", "vCPUs per instance {}"),
    ("settings.threads", "인스턴스당 스레드 {}개", "threads per instance {}"),
    ("settings.host_cores", "호스트 코어 {}개", "host cores {}"),
    ("settings.host_clock", "호스트 클럭 {} MHz", "host clock {} MHz"),
    ("settings.memory", "인스턴스당 메모리 {} MiB", "memory per instance {} MiB"),
    ("settings.exit_cycles", "VM exit 왕복 {} 사이클", "VM exit round trip {} cycles"),
    ("settings.time_slice", "타임 슬라이스 {} ms", "time slice {} ms"),
    ("settings.duration", "시뮬레이션 시간 {} ms", "simulated time {} ms"),
    ("settings.workload", "워크로드 {}", "workload {}"),
    ("settings.rtt", "“{}”의 왕복 시간 {} ms", "round trip of “{}”: {} ms"),
    ("settings.vdi_rtt", "VDI 플랫폼마다 왕복 시간 {} ms", "round trip of every VDI platform {} ms"),
    ("settings.vdi_loss", "VDI 플랫폼마다 패킷 손실 {}%", "packet loss of every VDI platform {}%"),
    (
        "settings.vdi_bandwidth",
        "VDI 플랫폼마다 클라이언트 회선 {} Mbit/s",
        "client link of every VDI platform {} Mbit/s",
    ),
    ("settings.loss", "“{}”의 패킷 손실 {}%", "packet loss of “{}”: {}%"),
    (
        "settings.bandwidth",
        "“{}”의 클라이언트 회선 {} Mbit/s",
        "client link of “{}”: {} Mbit/s",
    ),
    // A share link's network value its slider cannot take (share::SETTING_RANGES: the
    // link's own units, named without the platform, which the link's text may not have).
    ("settings.link_rtt", "VDI 네트워크의 왕복 시간 {} ms", "a VDI network's round trip of {} ms"),
    (
        "settings.link_loss",
        "VDI 네트워크의 패킷 손실 {} (0.1% 단위)",
        "a VDI network's packet loss of {} (in tenths of a percent)",
    ),
    (
        "settings.link_bandwidth",
        "VDI 네트워크의 클라이언트 회선 {} kbit/s",
        "a VDI network's client link of {} kbit/s",
    ),
    ("questions.why", "근거가 되는 측정값", "The figures behind it"),
    ("share", "공유 링크 복사", "Copy share link"),
    (
        "share.copied",
        "링크를 주소창에 넣고 복사했습니다",
        "Link placed in the address bar and copied",
    ),
    ("share.not_run", "링크에는 아직 실행하지 않은 시나리오나 설정이 들어 있어, 링크를 연 사람은 화면의 결과와 다른 수치를 보게 됩니다.", "It carries a scenario or settings not run yet: whoever opens it sees their figures, not the results on screen."),
    (
        "share.bad",
        "공유 링크를 읽을 수 없습니다",
        "Could not read the share link",
    ),
    (
        "share.bad.hint",
        "링크가 잘렸거나 잘못 복사되었을 수 있습니다. 대신 기본 시나리오를 열었습니다",
        "It may have been cut off or copied incompletely; the default scenario opened instead",
    ),
    (
        "share.bad_setting",
        "링크에 {setting} 설정이 들어 있는데, 이 설정에는 쓸 수 없는 값입니다: {min}에서 {max} 사이의 정수를 받습니다. 대신 기본 시나리오를 열었습니다",
        "it sets {setting}, which that setting cannot take: it takes a whole number from {min} to {max}; the default scenario opened instead",
    ),
    ("nav.actions", "동작", "Actions"),
    ("export.csv", "CSV 내보내기", "Export CSV"),
    ("export.json", "JSON 내보내기", "Export JSON"),
    ("export.needs_result", "내보낼 결과가 아직 없습니다. 먼저 시나리오를 실행하세요.", "No result to export yet: run the scenario first."),
    ("export.needs_predictions", "먼저 예측을 확정하세요. 그때까지 이 단계의 결과는 숨겨져 있습니다.", "Commit your predictions first: the step's results are hidden until then."),
    ("cpu.guest_user", "게스트 사용자", "guest user"),
    ("cpu.guest_kernel", "게스트 커널", "guest kernel"),
    ("cpu.hypervisor", "하이퍼바이저", "hypervisor"),
    ("cpu.emulation", "장치 백엔드", "device back ends"),
    ("cpu.host", "호스트 OS", "host OS"),
    ("cpu.idle", "유휴", "idle"),
    ("cpu.steal", "스틸", "steal"),
    ("cpu.guest", "게스트", "guest"),
    ("results.stale.from", "아래는 “{}”의 결과로, 그 뒤 시나리오나 설정이 바뀌었습니다.", "Below: “{}” as it ran before the scenario or settings changed."),
    ("notice.close", "알림 닫기", "Close the notice"),
    ("share.library_changed", "이 링크는 다른 버전의 {}(으)로 만들어졌습니다. 지금 라이브러리에 있는 글에 링크의 설정을 적용해 열었으므로, 수치가 공유된 것과 다를 수 있습니다.", "This link was made with another version of {}: it opened today's library text with the link's settings, so its figures may differ from the ones shared."),
    ("share.library_missing", "이 링크가 가리키는 라이브러리 시나리오 {}이(가) 이 페이지에 없습니다. 대신 기본 시나리오를 열었습니다.", "This link names the library scenario {}, which this page does not have; the default scenario opened instead."),
    // The bar that reaches the library, the settings and the results in one column (app.rs).
    ("jump.nav", "바로 가기", "Jump to"),
    ("jump.course", "과제", "Assignment"),
    ("jump.library", "시나리오", "Scenarios"),
    ("jump.settings", "설정", "Settings"),
    ("jump.results", "결과", "Results"),
    // A re-run that moved the time slice alone and changed no figure (knobs/slices.rs).
    ("slice.changed_nothing", "수치가 하나도 바뀌지 않았습니다: 타임 슬라이스만 바꾼 이번 실행의 수치가 앞 실행과 모두 같습니다.", "No figure changed: this run, which changed the time slice alone, gave every figure of the run before."),
    ("slice.nothing_waited", "수치가 하나도 바뀌지 않았습니다: 이 실행에서 pCPU를 기다린 vCPU가 없었습니다(모든 플랫폼의 스틸 0%). 타임 슬라이스가 끝나도 pCPU를 넘겨받을 vCPU가 없으니 같은 vCPU가 계속 실행됩니다. 타임 슬라이스는 실행하려는 vCPU나 스레드가 호스트 코어보다 많을 때 수치를 바꿉니다: 인스턴스나 vCPU를 늘리거나 코어를 줄인 뒤 다시 움직여 보세요.", "No figure changed: no vCPU waited for a pCPU in this run (steal 0% on every platform). A slice that ends has no one to hand its pCPU to, and the same vCPU runs on. The time slice changes figures once more vCPUs or threads want to run than the host has cores: add instances or vCPUs, or take cores away, then move it again."),
    ("table.column_help", "열 설명: {}", "About the column {}"),
    ("table.column_help_close", "열 설명 닫기", "Close the column's note"),
    ("desktop.caption", "데스크톱 가상화: 세션 (입력-화면 지연 ms, 세션당 대역폭, 프레임)", "Desktop virtualization: sessions (input-to-display latency ms, bandwidth per session, frames)"),
    ("desktop.cpu_caption", "데스크톱 가상화: 서버의 CPU 시간 (실행 동안 모든 코어 시간 대비 %)", "Desktop virtualization: the server's CPU time (% of all its cores' time over the run)"),
    (
        "desktop.cpu_note",
        "앱: 데스크톱의 애플리케이션, 인코딩: 디스플레이 프로토콜의 화면 캡처와 인코딩, 배경 작업: 게스트의 서비스와 배경 프로세스, 하이퍼바이저: exit·백엔드·호스트 OS의 작업. 100%에서 남는 몫은 게스트 커널과 그 밖의 게스트 작업입니다.",
        "Apps: the desktops' applications; encoding: the display protocol's capture and encoding; background: the guests' services and background processes; hypervisor: exits, back ends and the host OS. The rest of 100% is the guest kernels and other guest work.",
    ),
    ("table.more_right", "오른쪽에 열이 더 있습니다: 옆으로 스크롤하세요 →", "More columns to the right: scroll sideways →"),
    ("desktop.protocol_group", "프로토콜 / 그룹", "Protocol / group"),
    ("desktop.sessions", "세션", "Sessions"),
    ("desktop.rtt", "RTT ms", "RTT ms"),
    ("desktop.inputs", "표시된 입력", "Inputs shown"),
    ("desktop.inputs.note", "실행 안에 화면 갱신이 표시된 입력: 왕복 시간이 길수록 실행이 끝날 때 아직 오가는 입력이 많습니다", "Inputs whose update reached the screen within the run: the longer the round trip, the more are still on their way when it ends"),
    ("desktop.p50", "p50 ms", "p50 ms"),
    ("desktop.p99", "p99 ms", "p99 ms"),
    ("desktop.local_p50", "로컬 PC p50 ms", "Local PC p50 ms"),
    ("desktop.local_p50.note", "각 데스크톱의 같은 활동을 가상화, 디스플레이 프로토콜, 네트워크 없이 자기 PC에서 실행한 값입니다(데스크톱 VM의 vCPU 수만큼 코어, 호스트와 같은 CPU와 클럭, 다른 데스크톱 없음): 서버의 데스크톱 수와 상관없고, 개수마다 클릭 표본이 달라 몇 ms씩 움직입니다", "Each desktop's same activities on a PC of its own without virtualization, display protocol or network (as many cores as the desktop VM has vCPUs, the host's CPU and clock, no other desktops): it does not depend on how many desktops the server holds, and each count is another sample of clicks, so it moves by a few ms"),
    ("desktop.within_150", "150 ms 이내 %", "Within 150 ms %"),
    metric("desktop.dropped", Metric::DesktopSessionsDropped),
    metric("desktop.kbit", Metric::DesktopBandwidthKbitS),
    metric("desktop.frames", Metric::DesktopFramesDeliveredPercent),
    ("desktop.app", "앱 %", "Apps %"),
    ("desktop.encode", "인코딩 %", "Encoding %"),
    ("desktop.background", "배경 작업 %", "Background %"),
    ("desktop.hypervisor", "하이퍼바이저 %", "Hypervisor %"),
    ("desktop.idle", "유휴 %", "Idle %"),
    ("desktop.silent", "p50/p99의 —: 그 그룹의 사용자가 실행 중에 입력을 하지 않았습니다(동영상 사용자는 보기만 하고, 유휴 데스크톱이나 아주 짧은 실행에도 입력이 없습니다). 그 프레임은 프레임 전달/요청에 들어 있습니다.", "— under p50/p99: the group's users made no inputs in the run (video users only watch; idle desktops and very short runs have none either); its frames still count in frames delivered/wanted."),
    (
        "desktop.loss",
        "{}: 손실 {}%의 링크에서 패킷 {}개(서버가 보낸 {}개 중)가 손실되어 다시 보냈습니다(UDP 동영상 프레임은 다시 보내지 않음). 그 때문에 늦게 표시된 화면 갱신 {}개, 다시 보낸 입력 {}개.",
        "{}: on a link losing {}%, {} of the {} packets the server sent were lost and sent again (a video frame's over UDP is not); {} updates were shown late for it, and {} inputs were sent again.",
    ),
    (
        // Over TCP every lost packet is sent again (no UDP frame to drop): a student read
        // the UDP remark beside an RDP run whose frames all arrived.
        "desktop.loss_tcp",
        "{}: 손실 {}%의 링크에서 패킷 {}개(서버가 보낸 {}개 중)가 손실되어 다시 보냈습니다(TCP). 그 때문에 늦게 표시된 화면 갱신 {}개, 다시 보낸 입력 {}개.",
        "{}: on a link losing {}%, {} of the {} packets the server sent were lost and sent again (TCP); {} updates were shown late for it, and {} inputs were sent again.",
    ),
    ("table.all_columns", "모든 열 보기 (CPU 비율 포함)", "Show every column (CPU shares too)"),
    ("table.few_columns", "주요 열만 보기", "Show the main columns only"),
    ("course.step_invalid", "이 학생의 변형으로는 이 단계의 시나리오가 올바르지 않습니다. 과제를 만든 사람에게 알리세요:", "With this student's variant, this step's scenario is not valid; tell the assignment's author:"),
    ("results.stale.running", "새 설정으로 실행하는 중…", "Running the new settings…"),
    ("results.stale.running_other", "이 시나리오를 실행하는 중…", "Running this scenario…"),
    ("results.stale.run", "지금 실행", "Run it now"),
    ("run.named", "“{}” 실행", "Run “{}”"),
    ("estimate.line", "예상: 이벤트 최대 약 {} 개 · 이 기기에서 길어야 약 {}", "Estimate: up to about {} events · at most about {} on this device"),
    ("estimate.over", "페이지에서 실행하기에 너무 클 수 있습니다: 이벤트 최대 {} 개로 추정 (페이지 한도 {} 개; 추정은 상한이라 실제로는 보통 몇 배 적습니다).", "Perhaps too large to run in the page: up to {} events (the page's limit is {}; the estimate is an upper bound, runs usually need several times fewer)."),
    ("estimate.anyway", "그래도 실행 (취소할 수 있고, 한도를 넘으면 멈춥니다)", "Run anyway (you can cancel; it stops at the limit)"),
    ("estimate.fix", "실행 시간을 {} ms로 줄이기", "Set the duration to {} ms"),
    ("estimate.fix.hint", "또는 인스턴스·vCPU·스레드를 줄이세요. CLI는 더 큰 시나리오도 실행합니다.", "Or use fewer instances, vCPUs or threads; the CLI runs larger ones."),
    ("run.may_stop", "추정치가 이벤트 한도({} 개)를 넘어 끝나기 전에 멈출 수 있으므로 남은 시간은 알 수 없음", "may stop at the event limit ({}) before its end: time left unknown"),
    ("run.remaining", "남은 시간 약 {}", "about {} left"),
    ("timeline.record", "타임라인 기록하기", "Record the timeline"),
    ("timeline.untraced", "이 실행에는 타임라인이 없습니다(트레이스는 용량이 커서 따로 기록합니다). 기록하면 다시 실행합니다: 약 {}.", "This run has no timeline (traces are large). Recording one runs it again: about {}."),
    ("timeline.extent", "표시된 트레이스: {}–{} ms (전체 실행 {} ms 중, {} 사이클)", "Trace shown: {}–{} ms of the {} ms run ({} cycles)"),
    ("timeline.help.touch", "버튼으로 이동·확대하고, 실행 조각을 탭하면 무엇이 왜 실행됐는지 보입니다.", "Pan and zoom with the buttons; tap a segment to see what ran and why."),
    ("timeline.axis", "시간 (ms)", "time (ms)"),
    ("chart.unavailable", "차트를 표시할 수 없습니다", "Chart unavailable"),
    ("chart.values", "차트의 값", "Values of the chart"),
    ("chart.caption_changed", "시나리오에서 바꾼 설정: {}", "changed from the scenario: {}"),
    ("chart.show_numbers", "숫자로 보기", "Show the numbers"),
    // A bar chart whose linear axis hides its small bars offers them on a log axis
    // (chart_panel: the exits chart's button, which says what it does).
    ("chart.log_toggle", "작은 막대도 보기 (로그 눈금)", "Show small bars (log scale)"),
    // The same button while the log axis is shown: back to the linear axis.
    ("chart.linear_toggle", "막대를 실제 비율로 보기 (선형 눈금)", "Show bars to scale (linear)"),
    ("chart.log_named", "{} (로그 눈금)", "{} (log scale)"),
    (
        "chart.log_note",
        "로그 눈금: 눈금 한 칸마다 10배입니다. 작은 값도 막대로 보이지만, 막대가 길수록 몇 배 더 많다는 뜻이지 얼마만큼 더 많다는 뜻이 아닙니다. 이유마다 막대가 따로 있습니다(로그 눈금에 쌓은 조각은 제 몫만큼의 길이가 되지 않습니다).",
        "Log scale: each step of the axis is ten times the last. Small figures show as bars, but a longer bar means so many times more, not so much more. Each reason has a bar of its own (pieces stacked on a log axis would not be as long as their share).",
    ),
    // Under the start-up chart: the comparison table's steps of each start-up
    // (components/startup_steps.rs), on the Comparison tab.
    ("chart.startup_steps", "단계별로 보기: 시작 시간은 어떻게 더해지나 →", "Step by step: how the start-up adds up →"),
    (
        "chart.startup_steps_title",
        "비교표 탭의 표 아래에서 플랫폼마다 시작 단계와 각 단계의 시간을 엽니다",
        "Opens each platform's start-up steps and their times, under the table on the Comparison tab",
    ),
    ("chart.hide_numbers", "숫자 숨기기", "Hide the numbers"),
    ("chart.log", "로그 눈금 (값의 크기가 자릿수 단위로 다름)", "logarithmic scale (values differ by orders of magnitude)"),
    (
        "chart.no_spread",
        "퍼짐 없음: {platforms}에서는 ‘{op}’ 연산이 모두 같은 시간이 걸려, p50·평균·p99가 한 값이고 분포는 세로선입니다.",
        "No spread: every {op} took the same time on {platforms}, so p50, mean and p99 are one number and the distribution a vertical line.",
    ),
    (
        "chart.no_spread.path",
        "이 연산은 장치도 CPU도 기다리지 않습니다: 그 시간은 앞선 계산이 끝난 때부터 자기 단계들(‘스택과 경로’ 탭)이 끝날 때까지이고, 단계마다 사이클이 정해져 있으며 선점되지 않습니다.",
        "It waits for no device and no CPU: its time runs from the end of the computation before it to the end of its own steps (Stack & paths), each a fixed number of cycles, never preempted.",
    ),
    (
        "chart.no_spread.send",
        "송신은 패킷을 NIC나 링에 넘기면 끝나고, 회선 위의 시간은 그 뒤에 옵니다.",
        "A send is done once its packet is handed to the NIC or the ring; the time on the wire comes after.",
    ),
    (
        "chart.no_spread.waits",
        "이 연산은 장치나 타이머, 다른 vCPU를 기다리지만, 이번 실행에서는 정해진 단계와 기다림이 매번 같았습니다.",
        "It waits for a device, a timer or other vCPUs, but in this run its fixed steps and its wait came out the same every time.",
    ),
    (
        "chart.same_bucket",
        "p50과 p99가 같은 플랫폼: {}(괄호 안은 최댓값). 조금씩 다른 값도 지연 히스토그램의 같은 칸(폭 1.6% 이하)에 들면 한 값으로 읽힙니다.",
        "p50 and p99 read the same on {} (the longest in brackets): values a little apart share a bucket of the latency histogram (at most 1.6% wide).",
    ),
    ("chart.one_sample", "표본이 하나 이하인 플랫폼: {}", "One sample or none on: {}"),
    ("chart.desktop_wait", "데스크톱 플랫폼에서 이 연산의 지연은 대부분 기다림입니다: 애플리케이션의 네트워크 수신(net_receive)은 사용자의 다음 입력을 기다리고, sleep은 동영상 플레이어의 다음 프레임, 배경 서비스의 다음 깨어남, 프로토콜 에이전트의 다음 캡처를 기다립니다. 사용자가 느끼는 지연은 입력-화면 지연(데스크톱 표)입니다.", "On desktop platforms this operation's latency is mostly waiting: the application's network receive waits for the user's next input; the sleeps are the video player's next frame, the background services' next wake-up and the protocol agent's next capture. What a user feels is the input-to-display latency (the desktop table)."),
    ("table.cards", "플랫폼별 측정값", "Measured figures per platform"),
    ("step_through.title", "한 단계씩 따라가기: 연산 하나에서 CPU, 커널, (VM이면) 하이퍼바이저가 하는 일", "Step through: what the CPU, the kernel and (in a VM) the hypervisor do for one operation"),
    ("step_through.platform", "플랫폼", "Platform"),
    ("step_through.prev", "← 이전", "← Previous"),
    ("step_through.next", "다음 →", "Next →"),
    ("step_through.position", "단계 {} / {}", "Phase {} of {}"),
    ("step_through.help", "버튼이나 ← → 키로 한 단계씩 넘기세요. 각 단계의 사이클은 그 플랫폼에서 이 연산이 거치는 경로의 단계를 나눈 것이고, 더하면 경로의 합계와 같습니다. 위의 연산을 바꾸면 아래 표도 같은 연산을 보여 줍니다.", "Move with the buttons or the ← → keys. Each phase's cycles are a share of a step of this operation's path on that platform; together they add up to its total. Choosing an operation here shows the same one in the tables below."),
    ("step_through.cycles", "사이클", "cycles"),
    ("step_through.source", "근거", "Source"),
    ("timeline.not_recorded", "기록하지 않은 구간", "not recorded"),
    ("timeline.download_svg", "이 구간을 SVG로 내려받기", "Download this view as SVG"),
    ("timeline.download_png", "이 구간을 PNG로 내려받기", "Download this view as PNG"),
    ("step_through.export_csv", "이 단계들을 CSV로 내려받기 (다른 기법 포함)", "Download these steps as CSV (the other techniques too)"),
    ("step_through.csv_variant", "플랫폼·기법", "Platform or technique"),
    ("step_through.csv_number", "번호", "Step"),
    ("step_through.csv_phase", "단계 종류", "Kind"),
    ("step_through.csv_layer", "계층", "Layer"),
    ("step_through.csv_when", "언제", "When"),
    ("step_through.csv_exit", "exit·트랩", "Exit or trap"),
    ("step_through.csv_text", "하는 일", "What happens"),
    ("step_through.csv_every_time", "매번", "every time"),
    ("step_through.csv_completion", "완료 때 (장치·타이머가 끝낸 뒤)", "at the completion (after the device or timer finishes)"),
    ("step_through.csv_cycles", "사이클", "Cycles"),
    ("step_through.csv_per_operation", "연산 하나당 (묶음을 연산 {n}개가 나눔)", "per operation (a batch shared by {n} operations)"),
    ("step_through.csv_source", "근거 (출처 또는 설명)", "Source or note"),
    ("step_through.so_far", "지금까지", "So far"),
    ("step_through.total", "합계", "total"),
    ("step_through.total_batched", "합계 (묶음 단계는 한 번만 셈)", "total (a batched step counted once)"),
    ("step_through.per_operation", "연산 하나당 (묶음을 연산 {n}개가 나눔) {c}", "per operation, a batch shared by {n} operations: {c}"),
    ("step_through.cycle", "사이클", "cycle"),
    ("step_through.others", "같은 연산, 다른 기법", "The same operation under other techniques"),
    // Coursework (components/course/).
    ("course.assignments", "과제", "Assignments"),
    // The menu's label, and its first option, shown until one is chosen: what to do with
    // it (the menu only chooses; Open opens), not the label again.
    ("course.pick", "라이브러리 과제", "Library assignment"),
    ("course.pick.none", "과제를 고른 뒤 ‘열기’를 누르세요…", "Choose one, then press Open…"),
    ("course.open", "열기", "Open"),
    ("course.open_needs_choice", "먼저 메뉴에서 과제를 고르면 열 수 있습니다.", "Choose an assignment in the menu first."),
    ("course.opened", "과제를 열었습니다: {}", "Assignment opened: {}"),
    ("course.author_warnings", "과제를 열었습니다. 작성자 참고 (virtsim validate 경고):", "The assignment is open. For its author, virtsim validate's warnings:"),
    ("course.author_notes", "과제 작성자에게: virtsim validate의 참고 사항 {}개", "For the assignment's author: virtsim validate's notes ({})"),
    ("course.author_notes.about", "경고가 아니며 흔히 일부러 그렇게 씁니다. 과제는 올바르고 그대로 열립니다. 학생이 시작하면 보이지 않고, 링크나 라이브러리로 연 과제에서도 보이지 않습니다.", "They are not warnings and are often on purpose; the assignment is valid and opens as it is. They are not shown once a student starts, nor in an assignment opened from a link or the library."),
    ("course.author_notes.hide", "숨기기", "Hide"),
    ("course.author_notes.hide_label", "작성자 참고 사항 숨기기", "Hide the notes for the author"),
    ("editor.wrap", "긴 줄 접어 보기", "Wrap long lines"),
    ("editor.wide", "편집기 넓게", "Wide editor"),
    ("glossary", "용어집", "Glossary"),
    ("about.more", "자세히", "More detail"),
    ("about.figures_missing_one", "이 설정에서는 설명에 나오는 수치 중 {}개가 “…”로 보입니다: 이번 실행이 하지 않는 것(예: 고른 워크로드가 하지 않는 연산)을 재는 수치입니다. 보려면 시나리오 값으로 되돌리세요.", "{} figure this description quotes shows as “…” with these settings: it measures something this run does not do (such as an operation the chosen workload does not make). Reset to the scenario's values to see it."),
    ("about.figures_missing", "이 설정에서는 설명에 나오는 수치 중 {}개가 “…”로 보입니다: 이번 실행이 하지 않는 것(예: 고른 워크로드가 하지 않는 연산)을 재는 수치입니다. 보려면 시나리오 값으로 되돌리세요.", "{} figures this description quotes show as “…” with these settings: they measure something this run does not do (such as an operation the chosen workload does not make). Reset to the scenario's values to see them."),
    ("glossary.hint", "설명에서 점선 밑줄이 있는 용어를 누르면(또는 Tab으로 가서 Enter) 그 자리에 뜻이 나옵니다. 마우스를 올려도 보입니다.", "In the description, click or tap a term with a dotted underline (or Tab to it and press Enter) to read its meaning in place; hovering shows it too."),
    ("glossary.scenario", "이 시나리오의 용어 ({n}개)", "Terms in this scenario ({n})"),
    ("glossary.scenario_hint", "이 시나리오의 설명에 나오는 용어를 설명에 처음 나오는 순서대로 모았습니다. 모든 용어는 아래 용어집에 있습니다.", "The glossary's terms that this scenario's description uses, in the order it first uses them; every term is in the glossary below."),
    ("editor.keys", "Tab 키로 지나가면 편집기를 건너뜁니다. 편집기를 클릭하거나 글자를 입력하면 그때부터 Tab은 들여쓰기이고, 편집기를 떠나려면 Esc를 누른 뒤 Tab을 누르세요.", "Tab moves on past the editor. Once you click into it or type, Tab indents: to leave it then, press Esc, then Tab."),
    ("course.open_file", "과제 파일 열기…", "Open an assignment file…"),
    ("course.too_big", "과제 파일이 너무 큽니다: {}바이트입니다. 최대 {}({}바이트)까지 받습니다", "the assignment file is too large: {} bytes; at most {} ({} bytes) is accepted"),
    ("course.opened_as_scenario", "{}은(는) 과제가 아니라 시나리오 파일입니다: 시나리오 편집기에서 열었습니다 (실행 버튼을 누르면 실행됩니다). 과제에는 [assignment] 표와 시나리오를 가리키는 [[step]] 표가 있습니다.", "{} is a scenario file, not an assignment: it is open in the scenario editor (the Run button runs it). An assignment has an [assignment] table and [[step]] tables naming scenarios."),
    ("course.unknown", "라이브러리에 없는 과제입니다", "No such assignment in the library"),
    ("course.bad_link", "과제 링크를 읽을 수 없습니다. 링크가 잘렸을 수 있습니다", "Could not read the assignment link; it may have been cut off"),
    ("course.student", "학번", "Student id"),
    ("course.student.hint", "학번을 입력하세요. 시드와 일부 설정이 학번에서 정해지며, 답안 파일에 함께 저장됩니다.", "Enter your student id: your seed and some settings come from it, and it goes into your answers file."),
    ("course.start", "시작", "Start"),
    ("course.start_needs_id", "먼저 학번을 입력하면 시작할 수 있습니다.", "Type your student id first."),
    ("course.start_bad_id", "이 학번에는 쓸 수 없는 문자(보이지 않는 문자나 제어 문자)가 있습니다. 학번을 다시 입력하세요.", "This student id holds a character that cannot be used (an invisible or control character): type it again."),
    ("course.close", "과제 닫기", "Close the assignment"),
    ("course.change_student", "다른 학생으로", "Another student"),
    ("course.skip", "과제", "Assignment"),
    ("questions.same_everywhere", "작성자에게: 이 값은 모든 플랫폼에서 같습니다(정답 값과의 상대 차이 1% 이내). 이 질문으로는 플랫폼을 구별할 수 없습니다. 그것이 의도가 아니라면 플랫폼마다 값이 달라지는 지표나 워크로드를 고르세요.", "For the author: this figure is the same on every platform (within 1% of the answer, relative), so the question does not tell the platforms apart. Unless that is the point, choose a metric or workload in which they differ."),
    ("questions.no_tolerance", "작성자에게: 허용 오차가 0%인데 답에 소수가 있습니다. 정답은 소수 둘째 자리까지의 값(±0.005)뿐이므로, 결과 표나 차트처럼 자릿수를 줄여 보여 주는 곳에서 값을 읽은 학생은 오답이 됩니다. tolerance_percent를 주세요(예: 1).", "For the author: there is no tolerance (0%) but the answer has decimals. Only its figure to two decimals is right (±0.005), so a student who reads it where it is shown with fewer (the results table, the charts) is marked wrong. Give a tolerance_percent (say 1)."),
    ("questions.tolerance_others", "작성자에게: 허용 오차 범위(정답 값의 ±{}%)에 다른 플랫폼의 값도 들어갑니다({}). 다른 플랫폼을 읽은 학생도 정답이 됩니다. 허용 오차를 줄이세요.", "For the author: the tolerance (±{}% of the answer) also accepts other platforms' figures ({}). A student who reads another platform is marked right: narrow the tolerance."),
    ("questions.shown_tie", "작성자에게: {}의 값이 정답의 값과 같게 보입니다(실제 차이는 0.1%보다 큼: {}). 보이는 값으로 {}을(를) 고른 학생은 오답이 됩니다. 다른 지표를 고르거나 플랫폼의 차이를 키우세요.", "For the author: {}'s figure reads the same as the answer's (they are more than 0.1% apart: {}), so a student who answers {} from the figures shown is marked wrong. Choose another metric or make the platforms differ more."),
    ("questions.no_answer", "답이 없습니다. 이 실행에서 어느 플랫폼에도 이 지표의 값이 없습니다(예: 스윕의 p99 목표를 만족하는 개수가 없거나 마이그레이션이 실행 안에 끝나지 않음). 어떤 답도 정답이 될 수 없으니 문제를 고치세요.", "No answer: no platform has a value of this metric in this run (say, no count of the sweep meets its p99 target, or a migration does not finish within the run). No answer can be right: change the question."),
    ("questions.from_one", "작성자에게: 이번 실행에서 이 지표의 값이 있는 선택지는 하나뿐입니다({}에는 값이 없음: 인스턴스가 측정 전에 OOM killer나 장애로 멈췄거나 그 연산을 하지 않음). 학생이 비교할 것이 없습니다.", "For the author: only one option has a value of this metric in the run ({} have none: their instances stopped, by the OOM killer or a fault, before it was measured, or never run the operation), so a student has nothing to compare."),
    ("questions.tie", "작성자에게: 동점: {}도 정답과 값이 똑같아, 정답은 파일에서 먼저 놓인 플랫폼일 뿐입니다. 문제를 고치세요(다른 지표를 고르거나 플랫폼의 차이를 키우세요).", "For the author: tie: the answer's value is exactly that of {} too, so the answer is only the first of them in the file; change the question (another metric, or platforms that differ more)."),
    ("questions.near_tie", "작성자에게: 거의 동률: {}의 값이 0.1% 안에 있어, 정답이 seed나 사소한 변경으로 바뀔 수 있습니다. 문제를 고치세요(과제라면 학생이 이 차이를 볼 수 없습니다).", "For the author: near tie: {}'s value is within 0.1%, so the answer may change with the seed or a small edit; change the question (a student cannot see this difference)."),
    ("course.resume.hint", "이 브라우저에서 하던 과제:", "In progress in this browser:"),
    ("course.resume", "이어 하기", "Continue"),
    ("course.resume.finished", "모든 단계를 마침", "all steps done"),
    ("course.step", "단계", "Step"),
    ("course.variant", "내 문제 설정", "Your variant"),
    ("about.settings_differ", "이 설명에 나오는 수치는 시나리오에 적힌 설정으로 실행한 값입니다. 이번 실행은 설정이 다릅니다: {}. 이번 실행의 수치는 아래 결과에서 확인하세요.", "Figures quoted in this description come from the scenario's settings as written; this run's differ: {}. This run's figures are in the results below."),
    ("course.description_figures", "이 설명에 나오는 수치는 시나리오 원래 설정({})으로 실행한 값입니다. 내 문제 설정({})으로 실행한 수치는 아래 결과에서 확인하세요.", "Figures quoted in this description come from the scenario's own settings ({}); the figures of your variant ({}) are in the results below."),
    ("course.predict", "실행 전에 예측하기", "Predict before you run"),
    ("course.commit", "예측 확정하고 실행", "Commit my predictions and run"),
    ("course.commit_needs_all", "위의 예측 질문에 모두 답하면 누를 수 있습니다.", "Answer every prediction above first."),
    ("course.after_run", "실행 결과를 보고 답하기", "Answer from the results"),
    ("course.run_first", "먼저 이 단계를 실행하세요.", "Run this step first."),
    ("course.running", "이 단계를 실행하는 중…", "Running this step…"),
    ("course.other_results", "아래 결과는 이 단계의 설정이 아닙니다.", "The results below are not this step's settings."),
    ("course.back_to_step", "이 단계로 돌아가기", "Back to this step"),
    ("course.settings_changed", "이 단계를 실행한 뒤 설정이 바뀌어, 아래 결과는 이 단계의 결과가 아닙니다. 답하려면 이 단계의 설정으로 돌아가세요.", "The settings have changed since this step ran: the results below are not this step's. To answer, go back to the step's settings."),
    ("course.explanation_figures", "이 해설의 수치는 시나리오 원래 설정에서 나온 것입니다. 내 문제 설정의 수치는 결과 표에 있습니다.", "Figures in this explanation are from the scenario's own settings; your variant's figures are in the results."),
    ("course.hidden", "예측을 확정하면 결과가 나타납니다.", "The results appear once you commit your predictions."),
    ("course.editor_hidden", "시나리오 텍스트는 예측을 확정하면 나타납니다(그 안의 문제 설명이 예측의 답이 될 수 있습니다).", "The scenario's text appears once you commit your predictions (its questions' explanations could answer them)."),
    ("course.description_hidden", "시나리오 설명은 예측을 확정하면 나타납니다. 설명이 결과를 풀이하고 있어서, 먼저 읽으면 예측의 답을 알게 될 수 있습니다.", "The scenario's description appears once you commit your predictions: it explains the results, so reading it first could give your predictions' answers away."),
    ("course.answer", "최종 답 제출", "Submit final answer"),
    ("course.answer_needs_one", "먼저 답을 입력하거나 고르면 제출할 수 있습니다.", "Type or choose an answer first."),
    ("course.confirm_unit", "이 값이 맞으면 ‘최종 답 제출’을 한 번 더 누르고, 아니면 답을 고치세요.", "If that is what you meant, press “Submit final answer” again; if not, change the answer."),
    ("course.confirm_unit_predict", "이 값이 맞으면 ‘예측 확정하고 실행’을 한 번 더 누르고, 아니면 답을 고치세요.", "If that is what you meant, press “Commit my predictions and run” again; if not, change the answer."),
    ("course.final_note", "답은 문제마다 한 번만 제출합니다. 제출한 답은 바로 확정되어 바꿀 수 없으니, 숫자와 단위를 확인하고 제출하세요.", "Each answer is submitted once: it is final as soon as you submit it and cannot be changed, so check the number and its unit first."),
    ("course.student.exact", "학번은 수강생 명단에 적힌 그대로 입력하세요. 대소문자와 하이픈(-)도 구분합니다(S001과 s001은 다른 문제를 받습니다). 같은 학번이면 어느 기기에서든 같은 문제가 나옵니다.", "Type it exactly as on the class roster: capital letters and dashes count (S001 and s001 get different questions). The same id gives the same questions on any device."),
    ("course.points", "점", "pt"),
    ("course.points.many", "점", "pts"),
    ("course.right", "정답", "Right"),
    ("course.wrong", "오답", "Wrong"),
    ("course.saved", "답을 저장했습니다. 채점은 강사가 합니다.", "Answer saved; your instructor grades it."),
    ("course.prev", "이전", "Previous"),
    ("course.next", "다음", "Next"),
    ("course.finish", "마치기", "Finish"),
    ("course.unsubmitted_one", "이 단계에 입력하거나 골랐지만 제출하지 않은 답이 1개 있습니다. 제출하지 않은 답은 답안 파일에 들어가지 않아 0점입니다. 제출하지 않고 넘어가려면 ‘{button}’ 버튼을 한 번 더 누르세요.", "1 answer on this step is typed or chosen but not submitted: it is not in your answers file and scores 0. Press “{button}” again to go on without submitting it."),
    ("course.unsubmitted_many", "이 단계에 입력하거나 골랐지만 제출하지 않은 답이 {n}개 있습니다. 제출하지 않은 답은 답안 파일에 들어가지 않아 0점입니다. 제출하지 않고 넘어가려면 ‘{button}’ 버튼을 한 번 더 누르세요.", "{n} answers on this step are typed or chosen but not submitted: they are not in your answers file and score 0. Press “{button}” again to go on without submitting them."),
    ("course.nav", "과제 단계 이동", "Assignment steps"),
    ("course.final", "답안 제출", "Hand in your answers"),
    ("course.answered", "답함", "answered"),
    ("course.review.question", "질문", "Question"),
    ("course.review.yours", "내 답", "Your answer"),
    ("course.review.verdict", "판정", "Verdict"),
    ("course.review.expected", "정답 (계산값)", "Right answer (computed)"),
    ("course.review.predicted", "실행 전 예측", "predicted before the run"),
    ("course.review.unanswered", "답하지 않음", "Not answered"),
    ("course.review.saved", "저장됨 (강사가 채점)", "Saved (your instructor grades it)"),
    ("course.review.unchecked", "아직 확인하지 않음", "Not checked yet"),
    ("course.export", "답안 파일 내려받기 (JSON)", "Download my answers (JSON)"),
    ("course.answers_text", "답안 파일의 내용 (내려받기가 안 되면 복사하세요)", "The answers file's text (copy it if the download does not work)"),
    ("course.export.hint", "이 파일을 강사에게 제출하세요. 내보낸 뒤 수정하면 채점되지 않습니다.", "Hand this file to your instructor; a file edited after export is not graded."),
    ("course.score", "{m}문제 중 {n}문제 정답", "{n} of {m} right"),
    ("course.score.points", "{q}점 중 {p}점", "{p} of {q} points"),
    ("course.score.points_one", "{q}점 중 {p}점", "{p} of {q} point"),
    ("course.score.wrong", "오답 {n}개", "{n} wrong"),
    ("course.score.unanswered", "답하지 않음 {n}개", "{n} not answered"),
    ("course.score.unchecked", "아직 확인하지 않음 {n}개(그 단계를 다시 열면 실행해서 확인합니다)", "{n} not checked yet (open its step again: it runs and checks them)"),
    ("course.score.hidden_one", "정답을 공개하지 않는 단계의 {n}문제는 위 집계에 포함되지 않습니다. 강사가 채점합니다.", "{n} more question is not counted above: its step does not reveal answers, and your instructor grades it."),
    ("course.score.hidden", "정답을 공개하지 않는 단계의 {n}문제는 위 집계에 포함되지 않습니다. 강사가 채점합니다.", "{n} more questions are not counted above: their steps do not reveal answers, and your instructor grades them."),
    ("course.score.note", "이 페이지가 이 브라우저에서 실행한 결과로 확인한 수입니다. 성적은 강사가 제출된 답안 파일로 매깁니다.", "Checked by this page against your runs in this browser; your grade comes from the answers file you hand in."),
    ("course.link", "과제 링크 복사", "Copy the assignment link"),
    ("course.link.copied", "과제 링크를 주소창에 넣고 복사했습니다", "Assignment link placed in the address bar and copied"),
    ("course.downloaded", "답안 파일을 내려받았습니다: {}", "Answers downloaded: {}"),
    ("course.closed", "과제를 닫았습니다", "Assignment closed"),
    // The results table and charts: what an exit costs, the scheduler said once, the
    // native baseline's cycles per layer, reference lines beyond the bars (helper tbl).
    ("table.exits_per_op", "연산당 exit", "Exits per op"),
    ("table.exits_per_op.note", "플랫폼의 exit와 트랩(초당 exit·하이퍼콜 열에서 세는 것)을 끝낸 연산 수로 나눈 값입니다. 연산 하나가 평균 몇 번 하이퍼바이저에 들어갔는지이며, 연산 사이의 타이머 틱, halt, 인터럽트도 연산들에 나눠 넣었습니다. 두 플랫폼의 이 값이 거의 같다면(같은 기법과 장치를 쓰는 Type 1과 Type 2처럼), 둘을 가르는 것은 exit 하나의 비용입니다: exit당 사이클 열을 보세요.", "The platform's exits and traps (those the Exits + hypercalls /s column counts) over its operations completed: how many times one operation entered the hypervisor on average, the timer ticks, halts and interrupts between operations shared out among them. Where two platforms have about the same figure (type 1 and type 2 with the same technique and devices), what sets them apart is what each exit costs: see Cycles per exit."),
    ("table.cycles_per_exit", "exit당 사이클", "Cycles per exit"),
    ("table.cycles_per_exit.note", "플랫폼의 인스턴스가 게스트 밖에서 일으킨 사이클(하이퍼바이저, 장치 백엔드, 호스트 OS: 하이퍼바이저 %, 장치 백엔드 %, 호스트 OS·엔진 % 열의 몫이며, 호스트 자신의 프로그램은 뺌)을 그 exit와 트랩 수로 나눈 값입니다. exit 하나가 그 처리와 그것이 시작한 I/O까지 평균 몇 사이클이 드는지를 말합니다. Type 2에서는 같은 exit가 VMM의 world를 떠나 호스트 OS를 거치므로(world switch, VMM 프로세스의 시스템 콜, 호스트의 인터럽트와 스케줄링) Type 1보다 비쌉니다. 바이너리 변환에서는 변환된 코드가 VMM을 직접 호출(callout)하는 것이 exit로 세지 않지만 그 사이클은 여기에 들어가므로, 이 값은 같은 기법의 플랫폼끼리 비교하세요.", "The cycles the platform's instances caused outside their guests (in the hypervisor, the device back ends and the host OS: their part of the Hypervisor %, Device back ends % and Host OS / engine % columns, the host's own programs left out) over their exits and traps: what one exit costs on average, its handling and the I/O it starts included. On type 2 the same exit leaves the VMM's world and goes through the host OS (world switches, the VMM process's system calls, the host's interrupts and scheduling), which is why it costs more there than on type 1. Under binary translation the translated code's calls into the VMM (callouts) are not counted as exits, but their cycles are in this figure: compare it between platforms of one technique."),
    ("table.scheduler_all", "여기의 모든 플랫폼이 {}를 쓰므로 ‘종류’ 열에는 적지 않았습니다.", "Every platform here runs on the {}, so the Kind column leaves it out."),
    ("table.scheduler_all_but_native", "네이티브를 뺀 여기의 모든 플랫폼이 {}를 쓰므로 ‘종류’ 열에는 적지 않았습니다.", "Every platform here but the native one runs on the {}, so the Kind column leaves it out."),
    ("table.scheduler_others", "‘종류’ 열은 {}와 다른 스케줄러만 적습니다. 스케줄러가 적히지 않은 플랫폼은 이 스케줄러를 씁니다.", "The Kind column names a host scheduler only where a platform's is not the {}: the rows that name none run on it."),
    ("paths.native_baseline", "네이티브 기준", "Native baseline"),
    ("paths.native_note", "네이티브 기준: 같은 인스턴스가 이 호스트에서 가상화 없이 실행할 때의 같은 연산입니다(‘네이티브 대비 성능’이 비교하는 실행). 플랫폼의 행이 이보다 더 쓰는 사이클이 가상화가 더하는 비용입니다.", "Native baseline: the same operation of the same instances run on this host without virtualization (the run that Relative to native compares with). What a platform's row spends beyond it is what virtualization adds."),
    ("paths.native_baseline_of", "네이티브 기준 ({})", "Native baseline ({})"),
    ("paths.native_groups_note", "인스턴스 그룹마다 워크로드(메시지·I/O 크기, 작업 집합)가 달라 네이티브 비용도 다릅니다. 그래서 네이티브 행마다 괄호 안에 그 인스턴스 그룹의 이름을 적고, 그 아래에 그 그룹을 실행하는 플랫폼들을 두었습니다. 각 플랫폼은 바로 위의 네이티브 행과 비교하세요.", "The instance groups here have different workloads (message and I/O sizes, working sets), so the operation costs differently natively too: each native row names its instance group in brackets, with the platforms running that group under it. Compare each platform with the native row above it."),
    ("chart.vdi_ref_off", "{} ms 선은 그리지 않았습니다: 여기의 모든 막대가 그보다 한참 아래여서(가장 높은 막대 {} ms) 축을 막대에 맞췄습니다.", "The {} ms line is not drawn: every bar here is far below it (the tallest, {} ms), so the axis keeps to the bars."),
    ("chart.vdi_refs_off", "{} ms와 {} ms 선은 그리지 않았습니다: 여기의 모든 막대가 그보다 한참 아래여서(가장 높은 막대 {} ms) 축을 막대에 맞췄습니다.", "The {} and {} ms lines are not drawn: every bar here is far below them (the tallest, {} ms), so the axis keeps to the bars."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_browsers_get_korean_first() {
        assert_eq!(Lang::from_browser_language(Some("ko-KR")), Lang::Ko);
        assert_eq!(Lang::from_browser_language(Some("ko")), Lang::Ko);
        assert_eq!(Lang::from_browser_language(Some("en-US")), Lang::En);
        assert_eq!(Lang::from_browser_language(None), Lang::En);
    }

    #[test]
    fn a_link_names_its_language() {
        assert_eq!(Lang::from_hash("#s=abc&l=ko"), Some(Lang::Ko));
        assert_eq!(Lang::from_hash("#a=x.toml&l=en"), Some(Lang::En));
        assert_eq!(Lang::from_hash("#s=abc"), None);
        assert_eq!(Lang::from_hash("#s=abc&l=fr"), None);
        assert_eq!(
            Lang::from_hash(&format!("#s=x{}", Lang::Ko.hash_param())),
            Some(Lang::Ko)
        );
        // The other readers of the hash still find their part.
        assert_eq!(
            crate::share::from_hash("#s=%%&l=ko").map(|r| r.is_err()),
            Some(true)
        );
    }

    /// Every literal key passed to `t(...)` in the sources has a translation.
    #[test]
    fn every_used_key_exists() {
        let sources = [
            include_str!("app.rs"),
            include_str!("answer_text.rs"),
            include_str!("state/mod.rs"),
            include_str!("state/open.rs"),
            include_str!("state/reduce.rs"),
            include_str!("state/run_gate.rs"),
            include_str!("state/settings.rs"),
            include_str!("state/shown.rs"),
            include_str!("knobs/mod.rs"),
            include_str!("knobs/baseline.rs"),
            include_str!("knobs/blame.rs"),
            include_str!("knobs/changed.rs"),
            include_str!("knobs/network.rs"),
            include_str!("knobs/slices.rs"),
            include_str!("knobs/typed.rs"),
            include_str!("state/notices.rs"),
            include_str!("state/run.rs"),
            include_str!("state/step_through.rs"),
            include_str!("state/validation.rs"),
            include_str!("components/chart_panel/mod.rs"),
            include_str!("components/chart_panel/specs.rs"),
            include_str!("components/controls.rs"),
            include_str!("components/course/mod.rs"),
            include_str!("components/course/answers.rs"),
            include_str!("components/course/final_page.rs"),
            include_str!("components/course/notes.rs"),
            include_str!("components/course/open.rs"),
            include_str!("components/course/panel.rs"),
            include_str!("components/course/step.rs"),
            include_str!("components/course/student.rs"),
            include_str!("components/editor.rs"),
            include_str!("components/glossary.rs"),
            include_str!("components/header.rs"),
            include_str!("components/library.rs"),
            include_str!("components/paths.rs"),
            include_str!("components/questions.rs"),
            include_str!("components/results.rs"),
            include_str!("components/scenario_terms.rs"),
            include_str!("components/step_through.rs"),
            include_str!("components/table.rs"),
            include_str!("components/timeline/mod.rs"),
            include_str!("components/timeline/export.rs"),
        ];
        let mut missing = Vec::new();
        for src in sources {
            for (i, _) in src
                .match_indices("t(lang, \"")
                .chain(src.match_indices("t(s.lang, \""))
                .chain(src.match_indices("t(p.lang, \""))
            {
                let rest = &src[i..];
                let start = rest.find('"').unwrap() + 1;
                let end = start + rest[start..].find('"').unwrap();
                let key = &rest[start..end];
                if !STRINGS.iter().any(|(k, _, _)| *k == key) {
                    missing.push(key.to_string());
                }
            }
        }
        assert!(missing.is_empty(), "untranslated keys: {missing:?}");
    }

    /// Texts filled in by position have as many slots in Korean as in English.
    #[test]
    fn placeholders_match() {
        for (k, ko, en) in STRINGS {
            assert_eq!(ko.matches("{}").count(), en.matches("{}").count(), "{k}");
        }
    }

    #[test]
    fn every_key_is_unique() {
        for (i, (k, _, _)) in STRINGS.iter().enumerate() {
            assert!(
                STRINGS[i + 1..].iter().all(|(o, _, _)| o != k),
                "duplicate key {k}"
            );
        }
    }
}

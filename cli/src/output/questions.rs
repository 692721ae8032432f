//! The scenario's questions with their computed answers, and the warnings an instructor
//! reads on stderr (near ties, answers from one option, OOM-killed groups).

use super::*;

/// A warning or a note for the instructor, not yet printed: where (`place`: a file's
/// `file:line:column`, an assignment's step and variant) and what. An assignment's
/// variants give the same note more than once; `virtsim answers` prints it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diag {
    /// A warning (`warning:`, `경고:`), else a note (`note:`, `참고:`).
    pub warning: bool,
    pub place: String,
    pub text: String,
    /// A choice question's tie, near tie or tie where students see the figures
    /// ([`question_diags`]): what `virtsim answers` also looks for in each choice of a
    /// step's `[[step.vary]]`, and says there at the choice.
    pub tie: bool,
    /// What the diag is about, when its words quote a run's figures (`tolerance:hybrid`):
    /// two variants' diags about the same are one warning whose figures differ a little
    /// ([`Diag::same_warning`]), said once for both.
    pub about: Option<String>,
}

impl Diag {
    pub(crate) fn warning(place: &str, text: String) -> Diag {
        Diag {
            warning: true,
            place: place.to_string(),
            text,
            tie: false,
            about: None,
        }
    }

    /// The diag marked as a choice question's tie ([`Diag::tie`]).
    fn of_tie(self) -> Diag {
        Diag { tie: true, ..self }
    }

    /// The diag marked as about `what` ([`Diag::about`]).
    fn about(self, what: String) -> Diag {
        Diag {
            about: Some(what),
            ..self
        }
    }

    /// Whether `other` says what this diag says: the same words, or the same kind of
    /// warning about the same question at the same place, its figures from another variant.
    pub fn same_warning(&self, other: &Diag) -> bool {
        self == other
            || (self.about.is_some()
                && self.about == other.about
                && self.place == other.place
                && self.warning == other.warning)
    }

    pub(crate) fn note(place: &str, text: String) -> Diag {
        Diag {
            warning: false,
            place: place.to_string(),
            text,
            tie: false,
            about: None,
        }
    }

    /// The line printed on stderr, at `place` (the diag's own place when `None`).
    pub fn line(&self, ko: bool, place: Option<&str>) -> String {
        let kind = match (self.warning, ko) {
            (true, false) => "warning",
            (true, true) => "경고",
            (false, false) => "note",
            (false, true) => "참고",
        };
        let place = place.unwrap_or(&self.place);
        if place.is_empty() {
            format!("{kind}: {}", self.text)
        } else {
            format!("{kind}: {place}: {}", self.text)
        }
    }
}

/// Prints each diag on stderr at its own place.
pub(crate) fn print_diags(diags: &[Diag], ko: bool) {
    for d in diags {
        crate::errln!("{}", d.line(ko, None));
    }
}

/// One question: its text, options, the evidence (the value of each platform it asks
/// about: a choice's options, a numeric question's platform), the answer and the
/// explanation.
pub(crate) fn questions(out: &mut String, q: &sim_core::QuestionAnswer, lang: &str) {
    let ko = lang == "ko";
    let _ = writeln!(out, "{}: {}", clean(&q.id), clean(q.text.get(lang)));
    if q.kind == sim_core::QuestionKind::Choice && !q.options.is_empty() {
        let options: Vec<String> = q.options.iter().map(|o| clean(o)).collect();
        let _ = writeln!(
            out,
            "  {} {}",
            tr(ko, "options:", "선택지:"),
            options.join(", ")
        );
    }
    let shown = q.shown_evidence();
    if !shown.is_empty() {
        let values: Vec<f64> = shown.iter().map(|(_, v)| *v).collect();
        // A numeric question's evidence is its answer's figure: at the answer's decimals
        // (`4.00%`, not `4%` above `-> 4.00%`).
        let figures = match q.expected_figure() {
            Some((_, decimals)) => (values.iter())
                .map(|v| with_unit(sim_core::text::grouped(&format!("{v:.decimals$}")), q))
                .collect(),
            None => figures_shown(&values, q),
        };
        let evidence: Vec<String> = shown
            .iter()
            .zip(figures)
            .map(|((name, _), figure)| format!("{} {figure}", clean(name)))
            .collect();
        let _ = writeln!(
            out,
            "  {} ({}): {}",
            tr(ko, "evidence", "근거"),
            metric_named(q, ko),
            figure_list(&evidence, ko)
        );
    }
    let answer = clean(&q.answer);
    if q.kind == sim_core::QuestionKind::Numeric {
        // The figure with its unit, as the evidence writes it (a student answers the
        // number alone: the grader reads either), with the digits that tell what is right
        // (0.0967 µs, not 0.10 µs; 0.000333 µs, not 0.00 µs), and the range it accepts:
        // as `virtsim grade`'s table says it ([`sim_core::assignment::expected_shown`]).
        let shown = sim_core::assignment::expected_shown(q);
        let _ = writeln!(
            out,
            "  -> {}",
            clean(if ko { &shown.ko } else { &shown.en })
        );
    } else if let Some(tied) = tied_options(q) {
        // The answer is the first of the tied options in the file: said beside it, not
        // only in the author's warning on stderr.
        let _ = writeln!(
            out,
            "  -> {answer} ({})",
            if ko {
                format!(
                    "동점인 플랫폼: {}; 파일에서 먼저 놓인 쪽이 답",
                    tied.join(", ")
                )
            } else {
                format!(
                    "a tie with {}: the first of them in the file",
                    tied.join(", ")
                )
            }
        );
    } else {
        let _ = writeln!(out, "  -> {answer}");
    }
    if let Some(explanation) = &q.explanation {
        let label = tr(ko, "why:", "설명:");
        let text = format!("{label} {}", clean(explanation.get(lang)));
        out.push_str(&wrap(&text, WRAP - 2, "  "));
    }
}

/// What a question asks about, by the name the page gives it, then the key a scenario file
/// writes: "하이퍼바이저 %, hypervisor_percent"; a latency with its operation, "디스크 읽기 p99
/// 지연, p99_latency_us" ("p99 latency of disk_read, p99_latency_us").
fn metric_named(q: &sim_core::QuestionAnswer, ko: bool) -> String {
    let name = sim_core::names::metric(q.metric).get(lang_of(ko));
    let key = q.metric.name();
    match q.op.filter(|_| q.metric.needs_op()) {
        Some(op) if ko => format!("{} {name}, {key}", op_word(ko, op)),
        Some(op) => format!("{name} of {}, {key}", op.name()),
        None => format!("{name}, {key}"),
    }
}

/// A figure alone as a question's evidence prints it ([`sim_core::question::printed_figure`]):
/// two decimals at most from 1 up, three significant digits below 1, as the page shows
/// them: 0.000333 µs, not "0 µs", which reads as no cost at all.
fn evidence_figure(value: f64) -> String {
    sim_core::question::printed_figure(value)
}

/// A figure of the question's metric with its unit, as the page writes it: a percent or a
/// rate glued to the figure ("26.95%", "345895/s"), any other unit after a space
/// ("104.45 µs"), a count alone.
fn with_unit(figure: String, q: &sim_core::QuestionAnswer) -> String {
    match q.metric.unit() {
        "" => figure,
        unit @ ("%" | "/s") => format!("{figure}{unit}"),
        unit => format!("{figure} {unit}"),
    }
}

/// A question's answer as the tables print it: a choice's platform, a numeric question's
/// figure with its unit (the digits that tell what is right).
pub(crate) fn answer_shown(q: &sim_core::QuestionAnswer) -> String {
    let answer = clean(&q.answer);
    if q.kind != sim_core::QuestionKind::Numeric {
        return answer;
    }
    with_unit(
        q.expected_figure()
            .map_or(answer, |(figure, _)| clean(&figure)),
        q,
    )
}

/// The figures of one line of a question's metric with its unit, as its evidence prints
/// them: by one rule ([`sim_core::question::printed_figures`]: `74.20%, 57.28%`, not
/// `74.2%, 57.28%`), the rule that tells whether two options print the same
/// ([`sim_core::QuestionAnswer::shown_tie`]).
pub(crate) fn figures_shown(values: &[f64], q: &sim_core::QuestionAnswer) -> Vec<String> {
    sim_core::question::printed_figures(values)
        .into_iter()
        .map(|figure| with_unit(figure, q))
        .collect()
}

/// A choice question's other options whose value is exactly the answer's
/// ([`sim_core::QuestionAnswer::tied_options`]), cleaned for the terminal; `None` if none.
fn tied_options(q: &sim_core::QuestionAnswer) -> Option<Vec<String>> {
    let tied: Vec<String> = q.tied_options().into_iter().map(clean).collect();
    (!tied.is_empty()).then_some(tied)
}

/// Notes on stderr each platform's groups that the OOM killer mostly stopped
/// ([`sim_core::PlatformResult::groups_oom_killed`]): a guest whose memory does not hold its
/// OS and working set runs its application until the kill, and every figure after it is of
/// stopped instances; the run itself shows this only in its faults section. `label` names
/// the run: its file, or an assignment's step and variant.
pub(crate) fn note_oom_killed_groups(label: &str, result: &sim_core::RunResult, ko: bool) {
    print_diags(&oom_killed_diags(label, result, ko), ko);
}

/// [`note_oom_killed_groups`]'s notes, not printed.
pub(crate) fn oom_killed_diags(label: &str, result: &sim_core::RunResult, ko: bool) -> Vec<Diag> {
    let mut out = Vec::new();
    let scenario = clean(label);
    for p in &result.platforms {
        for (group, killed, of, at) in p.groups_oom_killed() {
            let (platform, group) = (clean(&p.name), clean(group));
            let (which_en, which_ko) = if of == 1 {
                (
                    format!("the one instance of `{group}`"),
                    format!("그룹 `{group}`의 유일한 인스턴스를"),
                )
            } else {
                (
                    format!("{killed} of the {of} instances of `{group}`"),
                    format!("그룹 `{group}`의 인스턴스 {of}개 중 {killed}개를"),
                )
            };
            let since = if killed == 1 { "에" } else { "부터" };
            if ko {
                out.push(Diag::note(&scenario, format!(
                    "플랫폼 `{platform}`에서 {at} ms{since} OOM killer가 {which_ko} 멈췄습니다: \
                     인스턴스가 건드리는 메모리가 주어진 메모리에 다 들어가지 않습니다(게스트 OS와 작업 집합을 담아야 할 게스트의 memory_gib, 컨테이너의 제한, 또는 호스트 메모리). 그 뒤의 수치는 멈춘 인스턴스의 것입니다. \
                     의도가 아니라면 memory_gib를 늘리거나, working_set_mib를 줄이거나, 호스트 메모리를 늘리세요."
                )));
            } else {
                out.push(Diag::note(&scenario, format!(
                    "on platform `{platform}` the OOM killer stopped {which_en} (from {at} ms): \
                     what they touch does not fit in their memory (a guest's memory_gib holding its OS and working set, a container's limit, or the host's memory), and the figures after that are of stopped instances. \
                     Unless that is the point, give them more memory_gib, a smaller working_set_mib, or the host more memory."
                )));
            }
        }
    }
    out
}

/// Fewer samples than this and a p99 is about the slowest one.
const P99_FEW_SAMPLES: u64 = 100;

/// Notes on stderr each question on a p99 latency whose figure on some platform rests on
/// fewer than [`P99_FEW_SAMPLES`] operations: the p99 of 44 samples is about the slowest
/// of them, and moves with the run's length. `place` says where a question is.
pub(crate) fn note_thin_percentiles(
    place: &dyn Fn(&str) -> String,
    result: &sim_core::RunResult,
    ko: bool,
) {
    print_diags(&thin_percentile_diags(place, result, ko), ko);
}

/// A note for a run under `--seed` with another seed than the file's (`own`), when one of
/// the scenario's texts (its description, a question's explanation) quotes a figure: those
/// are the own seed's run's; this run's are in the tables.
pub(crate) fn note_own_seed(
    file: &str,
    own: u64,
    scenario: &sim_core::Scenario,
    result: &sim_core::RunResult,
    tables: bool,
    ko: bool,
) {
    // Only where a text as written quotes a figure (`Scenario::texts_quote_a_figure`, as
    // the page decides its note): "type 1" or "p99" are names, smoke's description quotes
    // none, and a placeholder is filled with this run's figure (the result's explanations
    // come filled, so they are not what is read).
    if !scenario.texts_quote_a_figure() {
        return;
    }
    let seed = result.seed;
    // Where this run's own figures are: the tables, or the JSON or CSV printed.
    let (theirs_en, theirs_ko) = if tables {
        ("in the tables", "표에 나온 값입니다")
    } else {
        ("the output's", "출력에 나온 값입니다")
    };
    // The questions' answers too were explained for the own seed: where to see which differ.
    let answers = !result.questions.is_empty();
    let text = if ko {
        sim_core::text::particles(&format!(
            "설명과 해설에 적힌 수치는 파일의 시드 {own}(으)로 실행한 결과입니다. 이번 실행은 --seed {seed}이므로 이번 실행의 수치는 {theirs_ko}{}",
            if answers { format!(". `virtsim answers {file} --seed {seed}`은(는) 답이 달라진 질문을 알려 줍니다") } else { String::new() }
        ))
    } else {
        format!(
            "the figures quoted in the description and explanations are from the file's own seed {own}; this run uses --seed {seed}, whose figures are {theirs_en}{}",
            if answers { format!("; `virtsim answers {file} --seed {seed}` names the questions whose answer differs") } else { String::new() }
        )
    };
    print_diags(&[Diag::note(file, text)], ko);
}

/// A note for a run under `--cost` when one of the scenario's texts (its description, a
/// question's explanation) quotes a figure: those are the file's costs' figures, and this
/// run's are in its output (as [`note_own_seed`] says of another seed).
pub(crate) fn note_costs_set(
    file: &str,
    costs: &[String],
    scenario: &sim_core::Scenario,
    ko: bool,
) {
    if !scenario.texts_quote_a_figure() {
        return;
    }
    let given: Vec<String> = costs
        .iter()
        .map(|c| format!("--cost {}", clean(&long_value(c))))
        .collect();
    let given = given.join(" ");
    let text = if ko {
        sim_core::text::particles(&format!(
            "설명과 해설에 적힌 수치는 파일의 비용으로 실행한 결과입니다. 이번 실행은 {given}(으)로 비용을 바꾸었으므로 이번 실행의 수치는 출력에 나온 값입니다"
        ))
    } else {
        format!(
            "the figures quoted in the description and explanations are from the file's own costs; this run sets {given}, whose figures are the output's"
        )
    };
    print_diags(&[Diag::note(file, text)], ko);
}

/// [`note_thin_percentiles`]'s notes, not printed: of the platforms each question is
/// about ([`sim_core::QuestionAnswer::asked_platforms`]), those whose p99 of the question's op rests on fewer than
/// [`P99_FEW_SAMPLES`] operations, and, for a desktop latency question (p50 or p99), those
/// whose figure rests on fewer than [`P99_FEW_SAMPLES`] inputs (a desktop group makes an
/// input a second or so: a short run's few move with the seed).
pub(crate) fn thin_percentile_diags(
    place: &dyn Fn(&str) -> String,
    result: &sim_core::RunResult,
    ko: bool,
) -> Vec<Diag> {
    use sim_core::question::Metric;
    let mut out = Vec::new();
    for q in &result.questions {
        let asked = q.asked_platforms();
        let on_asked = || {
            result
                .platforms
                .iter()
                .filter(|p| asked.contains(&p.name.as_str()))
        };
        let (scenario, id) = (clean(&place(&q.id)), clean(&q.id));
        if matches!(
            q.metric,
            Metric::DesktopP50LatencyMs | Metric::DesktopP99LatencyMs
        ) {
            let thin: Vec<String> = on_asked()
                .filter_map(|p| {
                    let inputs = p.vdi.as_ref()?.inputs;
                    (inputs < P99_FEW_SAMPLES).then(|| format!("{} {inputs}", clean(&p.name)))
                })
                .collect();
            if thin.is_empty() {
                continue;
            }
            let list = figure_list(&thin, ko);
            out.push(Diag::note(&scenario, if ko {
                format!(
                    "질문 `{id}`의 데스크톱 지연이 일부 플랫폼에서 100개보다 적은 입력에 기대고 있습니다({list}): 그런 지연은 시드와 실행 길이에 따라 움직입니다. 더 긴 duration_ms나 더 많은 인스턴스가 표본을 늘립니다."
                )
            } else {
                format!(
                    "question `{id}`'s desktop latency rests on fewer than 100 inputs on some platforms ({list}): such a figure moves with the seed and the run's length. A longer duration_ms or more instances give more samples."
                )
            }));
            continue;
        }
        let Some(op) = q.op.filter(|_| q.metric == Metric::P99LatencyUs) else {
            continue;
        };
        let thin: Vec<String> = on_asked()
            .filter_map(|p| {
                let count = p.latency_of(op)?.count;
                (count < P99_FEW_SAMPLES).then(|| format!("{} {count}", clean(&p.name)))
            })
            .collect();
        if thin.is_empty() {
            continue;
        }
        let list = figure_list(&thin, ko);
        let op = op.name();
        if ko {
            out.push(Diag::note(&scenario, format!(
                "질문 `{id}`의 p99 {op} 지연이 일부 플랫폼에서 100개보다 적은 연산에 기대고 있습니다({list}): 그 p99는 대략 가장 느린 하나이며 실행 길이에 따라 움직입니다. 더 긴 duration_ms나 더 많은 인스턴스가 표본을 늘립니다."
            )));
        } else {
            out.push(Diag::note(&scenario, format!(
                "question `{id}`'s p99 {op} latency rests on fewer than 100 operations on some platforms ({list}): such a p99 is about the slowest one and moves with the run's length. A longer duration_ms or more instances give more samples."
            )));
        }
    }
    out
}

/// Warns on stderr about each choice question whose answer is a near tie
/// ([`sim_core::QuestionAnswer::near_tie`]): the author should pick another metric or
/// make the platforms differ more, since a student cannot see the difference. `place`
/// says where a question is (`file:line:column` of its id, or an assignment step's name).
pub(crate) fn warn_near_ties(
    place: &dyn Fn(&str) -> String,
    questions: &[sim_core::QuestionAnswer],
    ko: bool,
) {
    print_diags(&question_diags(place, questions, ko), ko);
}

/// [`warn_near_ties`]'s warnings and notes, not printed.
pub(crate) fn question_diags(
    place: &dyn Fn(&str) -> String,
    questions: &[sim_core::QuestionAnswer],
    ko: bool,
) -> Vec<Diag> {
    let mut out = Vec::new();
    for q in questions {
        let scenario = place(&q.id);
        let scenario = scenario.as_str();
        if !q.has_answer() {
            let (scenario, id, metric) = (clean(scenario), clean(&q.id), q.metric.name());
            // A numeric question on a platform that has no figure while others have: say
            // so, not that no platform has one (a lecturer's VMs did no work at a VM exit
            // of 10^8 cycles, and the warning blamed the sweep).
            if !q.evidence.is_empty() {
                let with: Vec<String> = q
                    .evidence
                    .iter()
                    .map(|(p, _)| format!("`{}`", clean(p)))
                    .collect();
                let have = if with.len() == 1 { "has" } else { "have" };
                let with = with.join(", ");
                // The platform asked about by its name (a numeric question has one).
                let asked = q.platform.as_deref().map(clean);
                let (asked_en, asked_ko) = match &asked {
                    Some(p) => (
                        format!("platform `{p}`, which it asks about,"),
                        format!("묻는 플랫폼 `{p}`"),
                    ),
                    None => (
                        "the platform it asks about".to_string(),
                        "묻는 플랫폼".to_string(),
                    ),
                };
                out.push(if ko {
                    Diag::warning(&scenario, format!(
                        "질문 `{id}`에 답이 없습니다: {asked_ko}에 이 실행에서 지표 `{metric}`의 값이 없습니다({with}에는 있음). 그 플랫폼의 인스턴스가 그 연산을 하지 않았거나 아무 일도 하지 못했습니다(예: OOM kill, 장애, 너무 비싼 설정). 학생은 이 질문에 맞힐 수 없습니다: 설정이나 지표를 바꾸세요."
                    ))
                } else {
                    Diag::warning(&scenario, format!(
                        "question `{id}` has no answer: {asked_en} has no value of `{metric}` in this run ({with} {have} one): its instances did not do that operation or did no work at all (say, an OOM kill, a fault, or a setting too costly to run). No student can answer it right: change the settings or the metric."
                    ))
                });
                continue;
            }
            if ko {
                out.push(Diag::warning(&scenario, format!(
                    "질문 `{id}`에 답이 없습니다: 이 실행에서 어느 플랫폼에도 지표 `{metric}`의 값이 없습니다(예: 스윕의 p99_target_us를 만족하는 개수가 없거나, 마이그레이션이 실행 안에 끝나지 않음). 학생은 이 질문에 맞힐 수 없습니다: 목표, 실행 시간 또는 지표를 바꾸세요."
                )));
            } else {
                out.push(Diag::warning(&scenario, format!(
                    "question `{id}` has no answer: no platform has a value of `{metric}` in this run (say, no count of the sweep meets its p99_target_us, or a migration does not finish within the run). No student can answer it right: change the target, the run's length or the metric."
                )));
            }
            continue;
        }
        // One option with a value: the answer is that option whatever it measured, not a
        // comparison (the others' instances stopped early, or never ran the operation).
        if let Some((with, without)) = q.answered_from_one() {
            let (scenario, id, with, metric) =
                (clean(scenario), clean(&q.id), clean(with), q.metric.name());
            let have = if without.len() == 1 { "has" } else { "have" };
            let without: Vec<String> = without.iter().map(|n| format!("`{}`", clean(n))).collect();
            let without = without.join(", ");
            if ko {
                out.push(Diag::warning(&scenario, format!(
                    "선택 질문 `{id}`의 답은 선택지 하나로만 정해졌습니다: 이 실행에서 지표 `{metric}`의 값이 있는 플랫폼은 `{with}`뿐이고 {without}에는 없습니다(예: 인스턴스가 OOM killer나 장애로 일찍 멈췄거나, 그 연산을 실행하지 않음). 학생이 비교할 것이 없습니다: 그 플랫폼들이 값을 갖게 하거나(메모리를 늘리거나 장애를 늦춤) 다른 지표를 고르세요."
                )));
            } else {
                out.push(Diag::warning(&scenario, format!(
                    "choice question `{id}` is answered from one option only: `{with}` is the only platform with a value of `{metric}` in this run; {without} {have} none (say, their instances were stopped early by the OOM killer or a fault, or never ran the operation). A student has nothing to compare: give those platforms a value (more memory, a later fault) or choose another metric."
                )));
            }
        }
        if q.same_on_every_platform() {
            let (scenario, id) = (clean(scenario), clean(&q.id));
            if ko {
                out.push(Diag::note(&scenario, format!(
                    "숫자 질문 `{id}`의 값이 모든 플랫폼에서 같습니다(정답 값과의 상대 차이 1% 이내): 이 질문으로는 플랫폼을 구별할 수 없습니다. 그것이 의도가 아니라면 플랫폼마다 값이 달라지는 지표나 워크로드를 고르세요."
                )));
            } else {
                out.push(Diag::note(&scenario, format!(
                    "numeric question `{id}` has the same value on every platform (within 1% of the answer, relative): it does not tell the platforms apart. Unless that is the point, choose a metric or workload in which they differ."
                )));
            }
        }
        // No tolerance on a measured figure with decimals: only the figure to two decimals
        // (the question's own) is right, not one read with fewer where the results show it.
        if q.kind == sim_core::question::QuestionKind::Numeric
            && q.tolerance_percent == 0.0
            && q.value.is_some_and(|v| v.fract() != 0.0)
        {
            let (scenario, id) = (clean(scenario), clean(&q.id));
            // 0.000333, not "0", which has no decimals.
            let value = q.value.map(evidence_figure).unwrap_or_default();
            if ko {
                out.push(Diag::warning(&scenario, format!(
                    "숫자 질문 `{id}`의 허용 오차가 0%인데 답({value})에 소수가 있습니다: 정답은 소수 둘째 자리까지의 값({value} ± 0.005)뿐이므로, 결과 표나 차트처럼 자릿수를 줄여 보여 주는 곳에서 값을 읽은 학생은 오답이 됩니다. tolerance_percent를 주세요(예: 1)."
                )));
            } else {
                out.push(Diag::warning(&scenario, format!(
                    "numeric question `{id}` has no tolerance (0%) but its answer ({value}) has decimals: only its figure to two decimals is right ({value} ± 0.005), so a student who reads it where it is shown with fewer (the results table, the charts) is marked wrong. Give a tolerance_percent (say 1)."
                )));
            }
            if let Some(d) = out.pop() {
                out.push(d.about(format!("no-tolerance:{}", q.id)));
            }
        }
        let others = q.tolerance_accepts_others();
        if !others.is_empty() {
            let (scenario, id) = (clean(scenario), clean(&q.id));
            let values: Vec<f64> = others.iter().map(|(_, v)| *v).collect();
            let list: Vec<String> = others
                .iter()
                .zip(sim_core::question::printed_figures(&values))
                .map(|((name, _), figure)| format!("{} = {figure}", clean(name)))
                .collect();
            let (list, tolerance) = (figure_list(&list, ko), figure(q.tolerance_percent));
            if ko {
                out.push(Diag::warning(&scenario, format!(
                    "숫자 질문 `{id}`의 허용 오차 범위(정답 값의 ±{tolerance}%)에 다른 플랫폼의 값도 들어갑니다({list}). \
                     다른 플랫폼을 읽은 학생도 정답이 됩니다: 허용 오차를 줄이세요."
                )));
            } else {
                out.push(Diag::warning(&scenario, format!(
                    "numeric question `{id}`'s tolerance (±{tolerance}% of the answer) also accepts other platforms' values ({list}). \
                     A student who reads another platform is marked right: narrow the tolerance."
                )));
            }
            if let Some(d) = out.pop() {
                out.push(d.about(format!("tolerance:{}", q.id)));
            }
        }
        if let Some(tie) = q.shown_tie() {
            out.push(shown_tie_diag(scenario, q, &tie, ko).of_tie());
        }
        let Some((winner, name, runner_up)) = q.near_tie() else {
            continue;
        };
        let (scenario, id, answer, name) =
            (clean(scenario), clean(&q.id), clean(&q.answer), clean(name));
        if winner == runner_up {
            // No difference at all: the answer is only the platforms' order in the file.
            let value = figure(winner);
            // Every option with that value, the answer first.
            let mut all = vec![answer.clone()];
            all.extend(q.tied_options().into_iter().map(clean));
            let (en, ko_list) = match all.split_last() {
                Some((last, [only])) => (format!("{only} and {last} both"), all.join(", ")),
                Some((last, rest)) => (
                    format!("{} and {last} all", rest.join(", ")),
                    all.join(", "),
                ),
                None => (name.clone(), name.clone()),
            };
            out.push(
                Diag::warning(
                    &scenario,
                    if ko {
                        format!(
                            "질문 `{id}`의 답이 동점입니다({ko_list} 모두 {value}): \
                         답은 파일에서 플랫폼이 놓인 순서로만 정해집니다. {}",
                            fix_advice(q, all.len(), true)
                        )
                    } else {
                        format!(
                            "question `{id}` is a tie ({en} {value}): \
                         the answer is only the platforms' order in the file: {}",
                            fix_advice(q, all.len(), false)
                        )
                    },
                )
                .of_tie(),
            );
            continue;
        }
        // Both figures to the fewest decimals (from two) that tell them apart.
        let decimals = (2..=9)
            .find(|&d| format!("{winner:.d$}") != format!("{runner_up:.d$}"))
            .unwrap_or(9);
        let (winner, runner_up) = (
            format!("{winner:.decimals$}"),
            format!("{runner_up:.decimals$}"),
        );
        if ko {
            out.push(
                Diag::warning(
                    &scenario,
                    format!(
                "질문 `{id}`의 답이 거의 동점입니다({answer} = {winner}, {name} = {runner_up}). \
                 학생은 이 차이를 볼 수 없습니다. {}",
                fix_advice(q, 2, true)
            ),
                )
                .of_tie(),
            );
        } else {
            out.push(
                Diag::warning(
                    &scenario,
                    format!(
                "question `{id}` is a near tie ({answer} = {winner}, {name} = {runner_up}). \
                 A student cannot see this difference: {}",
                fix_advice(q, 2, false)
            ),
                )
                .of_tie(),
            );
        }
    }
    out
}

/// What an author can do about a choice question whose answer a student cannot tell from
/// `tied` of its options (a tie, a near tie, figures that read the same): another metric,
/// platforms that differ more, or, where options would be left to compare, the question's
/// `platforms` narrowed to leave the tied ones out (a reviewer looked for that advice).
fn fix_advice(q: &sim_core::QuestionAnswer, tied: usize, ko: bool) -> &'static str {
    // Leaving out all but one of the tied options leaves at least two only when some
    // other option remains.
    let narrow = q.evidence.len() > tied;
    match (narrow, ko) {
        (true, true) => "다른 지표를 고르거나, 플랫폼의 차이를 키우거나, 질문의 `platforms`로 보기를 좁혀 구별되지 않는 플랫폼을 빼세요.",
        (true, false) => "choose another metric, make the platforms differ more, or narrow the options with the question's `platforms` to leave out the ones that cannot be told apart.",
        (false, true) => "다른 지표를 고르거나 플랫폼의 차이를 키우세요.",
        (false, false) => "choose another metric or make the platforms differ more.",
    }
}

/// The warning of a choice question whose answer and another option read the same where
/// students see them ([`sim_core::QuestionAnswer::shown_tie`]), with both figures to as
/// many decimals as tell them apart.
fn shown_tie_diag(
    scenario: &str,
    q: &sim_core::QuestionAnswer,
    tie: &sim_core::question::ShownTie<'_>,
    ko: bool,
) -> Diag {
    let (scenario, id, answer, name) = (
        clean(scenario),
        clean(&q.id),
        clean(&q.answer),
        clean(tie.runner_up),
    );
    let (w, r) = (tie.winner, tie.runner_up_value);
    // The fewest decimals (from three) at which the two figures differ.
    let decimals = (3..=9)
        .find(|&d| format!("{w:.d$}") != format!("{r:.d$}"))
        .unwrap_or(9);
    let exact = |v: f64| {
        let s = format!("{v:.decimals$}");
        sim_core::text::grouped(s.trim_end_matches('0').trim_end_matches('.'))
    };
    let apart = figure((w - r).abs() / w.abs().max(f64::MIN_POSITIVE) * 100.0);
    let percent = q.metric.unit() == "%";
    let shown = |v: f64| {
        let d = sim_core::question::shown_decimals(v, percent);
        fixed(v, d)
    };
    // The answer's figure as its evidence line prints it: the rule the tie was found by.
    let values: Vec<f64> = q.evidence.iter().map(|(_, v)| *v).collect();
    let printed = (q.evidence.iter())
        .position(|(name, _)| *name == q.answer)
        .and_then(|i| {
            sim_core::question::printed_figures(&values)
                .into_iter()
                .nth(i)
        })
        .unwrap_or_else(|| evidence_figure(w));
    let (mut where_en, mut where_ko) = (Vec::new(), Vec::new());
    if tie.cli {
        where_en.push(format!(
            "both print as {printed} in `virtsim answers` and `run`"
        ));
        where_ko.push(format!(
            "`virtsim answers`와 `run`에서는 둘 다 {printed}(으)로 찍힙니다"
        ));
    }
    if tie.page {
        let on_page = shown(w);
        where_en.push(format!("both show as {on_page} on the page"));
        where_ko.push(format!("페이지에서는 둘 다 {on_page}(으)로 보입니다"));
    }
    let (winner, runner_up) = (exact(w), exact(r));
    if ko {
        Diag::warning(
            &scenario,
            sim_core::text::particles(&format!(
                "선택 질문 `{id}`의 답 {answer}({winner})와(과) {name}({runner_up})은(는) {apart}% 차이가 나지만 학생이 보는 값은 같습니다: {}. \
                 보이는 값으로 {name}을(를) 고른 학생은 오답이 됩니다. {}",
                where_ko.join(", "),
                fix_advice(q, 2, true)
            )),
        )
    } else {
        Diag::warning(
            &scenario,
            format!(
                "choice question `{id}`: its answer {answer} ({winner}) and {name} ({runner_up}) are {apart}% apart, but read the same where students see them: {}. \
                 A student who answers {name} from the figures shown is marked wrong: {}",
                where_en.join("; "),
                fix_advice(q, 2, false)
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    /// A numeric question's evidence is printed at its answer's decimals: `vms 4.00%` above
    /// `-> 4.00%`, not `vms 4%` (an instructor's kernel-share question, 4.0045), in both
    /// languages.
    #[test]
    fn a_numeric_questions_evidence_has_the_answers_decimals() {
        use sim_core::question::Metric;
        let mut q = sim_core::QuestionAnswer::numeric(
            "kernel-share",
            Metric::GuestKernelPercent,
            4.0045,
            10.0,
        );
        q.platform = Some("vms".to_string());
        q.evidence = vec![("vms".to_string(), 4.0045), ("containers".to_string(), 9.5)];
        for lang in ["en", "ko"] {
            let mut out = String::new();
            super::questions(&mut out, &q, lang);
            assert!(out.contains("): vms 4.00%\n"), "{out}");
            assert!(out.contains("  -> 4.00%"), "{out}");
        }
    }
}

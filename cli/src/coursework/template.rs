//! `virtsim new scenario NAME` / `virtsim new assignment NAME`: a commented template that
//! validates as written, for an instructor to edit.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::{Failure, Lang};

/// What `new` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    Scenario,
    Assignment,
}

/// `NAME` as an id: letters, digits, `-`, `_` and `.` kept, anything else becomes `-`.
fn id_of(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    if id.trim_matches('-').is_empty() {
        "my-assignment".to_string()
    } else {
        id
    }
}

/// A name `new` takes, suggested where `name` (the file's stem) is refused: its ASCII
/// letters, digits, `-`, `_` and `.` kept, each run of other characters one `-` (`"x<y>"` is
/// "x-y", "week 3" "week-3"), without a `-` or `.` in front or a `-` at the end, at most 64
/// characters. A name with no ASCII letter left (Hangul dropped: "과제1" would be "1", and
/// was "--1") is the kind's word with the name's digits ("scenario-1", "assignment-1"), or
/// "my-scenario".
fn suggested_name(kind: Kind, name: &str) -> String {
    let mut kept = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            kept.push(c);
        } else if !kept.ends_with('-') {
            kept.push('-');
        }
    }
    let kept: String = kept
        .trim_start_matches(['-', '.'])
        .chars()
        .take(64)
        .collect();
    let kept = kept.trim_end_matches('-');
    if kept.chars().any(|c| c.is_ascii_alphabetic()) {
        return kept.to_string();
    }
    let word = match kind {
        Kind::Scenario => "scenario",
        Kind::Assignment => "assignment",
    };
    let digits: String = name
        .chars()
        .filter(char::is_ascii_digit)
        .take(64 - word.len() - 1)
        .collect();
    if digits.is_empty() {
        format!("my-{word}")
    } else {
        format!("{word}-{digits}")
    }
}

/// The template text for `kind` named `name`, its comments in `lang` (the file's own texts
/// hold both languages either way).
pub fn text(kind: Kind, name: &str, lang: Lang) -> String {
    let id = id_of(name);
    let template = match kind {
        Kind::Scenario => SCENARIO,
        Kind::Assignment => ASSIGNMENT,
    };
    let template = match lang {
        Lang::En => template.to_string(),
        Lang::Ko => in_korean(template),
    };
    template.replace("{{NAME}}", &id).replace("{{ID}}", &id)
}

/// `template` with each comment that [`KOREAN_COMMENTS`] has in English (the line from
/// its `#`, a whole-line comment or one after a value) in Korean.
fn in_korean(template: &str) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    for line in template.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let korean = body.find('#').and_then(|at| {
            KOREAN_COMMENTS
                .iter()
                .find(|(en, _)| *en == &body[at..])
                .map(|(_, ko)| (at, *ko))
        });
        match korean {
            Some((at, ko)) => {
                out.push_str(&body[..at]);
                out.push_str(ko);
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The templates' comments in Korean, each beside its English line (`{{NAME}}` and
/// `{{ID}}` are filled in after).
const KOREAN_COMMENTS: &[(&str, &str)] = &[
    ("# A virtsim scenario (docs/scenario-format.md describes every key).", "# virtsim 시나리오 (모든 키의 설명: docs/scenario-format.md)."),
    ("# Check it:   virtsim validate {{NAME}}.toml", "# 확인:   virtsim validate {{NAME}}.toml --lang ko"),
    ("# Run it:     virtsim run {{NAME}}.toml          (add --lang ko for Korean)", "# 실행:   virtsim run {{NAME}}.toml --lang ko   (--lang 없이는 영어)"),
    ("# Answers:    virtsim answers {{NAME}}.toml", "# 정답:   virtsim answers {{NAME}}.toml --lang ko"),
    ("# Every text a student reads exists in English and Korean.", "# 학생이 읽는 텍스트는 모두 영어(en)와 한국어(ko)로 씁니다."),
    ("# same seed, same results, on every machine and in the page", "# 시드가 같으면 어느 컴퓨터에서도, 페이지에서도 결과가 같습니다"),
    ("# simulated time per platform; keep library scenarios short", "# 플랫폼마다 시뮬레이션하는 시간(ms). 라이브러리 시나리오는 짧게"),
    ("# Platforms to compare: kind = native | type1 | type2 | container | vdi.", "# 비교할 플랫폼: kind = native | type1 | type2 | container | vdi."),
    ("# What runs on every platform (a preset workload, or a [[workload]] of your own).", "# 모든 플랫폼에서 실행되는 것 (프리셋 워크로드, 또는 직접 정의한 [[workload]])."),
    ("# Questions whose answers the simulator computes: kind = choice (which platform?) or", "# 답을 시뮬레이터가 계산하는 질문: kind = choice(어느 플랫폼?) 또는"),
    ("# numeric (what value?, with tolerance_percent: relative to the answer, so 10 on an answer", "# numeric(값은?, tolerance_percent와 함께: 정답에 대한 상대값이어서 정답 50%에"),
    ("# of 50% accepts 45% to 55%, not 40% to 60%).", "# 10이면 45%~55%를 받습니다. 40%~60%가 아닙니다)."),
    ("# A virtsim assignment (docs/assignment-format.md describes every key).", "# virtsim 과제 (모든 키의 설명: docs/assignment-format.md)."),
    ("# Check it:          virtsim validate {{ID}}.toml", "# 확인:         virtsim validate {{ID}}.toml --lang ko"),
    ("# Computed answers:  virtsim answers {{ID}}.toml --student s001", "# 계산된 정답:  virtsim answers {{ID}}.toml --student s001 --lang ko"),
    ("# Grade:             virtsim grade {{ID}}.toml answers/*.json", "# 채점:         virtsim grade {{ID}}.toml answers/*.json --lang ko"),
    ("# Hand it out: open it in the page (Assignments → Open an assignment file…), then press", "# 배포: 페이지에서 여세요(과제 → 과제 파일 열기…). 그다음 “과제 링크 복사”를 눌러"),
    ("# \"Copy the assignment link\" and send that link (in Korean: 과제 → 과제 파일 열기…, 과제 링크 복사).", "# 그 링크를 학생들에게 보냅니다(영어 화면: Assignments → Open an assignment file…, Copy the assignment link)."),
    ("# Run `virtsim answers` first: it warns about near ties that `validate` cannot see", "# 먼저 `virtsim answers`를 실행하세요: `validate`가 볼 수 없는 거의 동점을 경고합니다"),
    ("# (validate does not run the simulation).", "# (validate는 시뮬레이션을 실행하지 않습니다)."),
    ("# The id goes into every answers file and every student's seed: keep it once handed out.", "# id는 모든 답안 파일과 학생마다의 시드에 들어갑니다: 배포한 뒤에는 바꾸지 마세요."),
    ("# show right/wrong and the computed answer once answered", "# 답하면 정답 여부와 계산된 정답을 보여 줍니다"),
    ("# A scenario of the library, by file name (or embed one: scenario_toml = '''...''').", "# 라이브러리의 시나리오, 파일 이름으로 (또는 직접 넣기: scenario_toml = '''...''')."),
    ("# Questions of the scenario itself, by id (one point each): here the prediction below,", "# 시나리오 자체의 질문, id로 (각 1점): 여기서는 아래의 예측 질문을"),
    ("# asked again once the run has answered it.", "# 실행이 답한 뒤에 다시 묻습니다."),
    ("# Each student gets a seed of their own (from the assignment id and their student id).", "# 학생마다 자기 시드를 받습니다(과제 id와 학번에서)."),
    ("# A seed alone does not move a figure that comes from fixed costs (the host OS's share", "# 시드만으로는 고정 비용에서 나오는 수치(아래의 호스트 OS 비율)가 움직이지 않습니다:"),
    ("# below): each student also gets one of these choices (picked from a hash of the ids),", "# 그래서 학생마다 이 선택지 중 하나(id들의 해시로 고름), 곧 그룹마다 실행되는 VM 수도"),
    ("# how many VMs of each group run. `virtsim answers` notes figures that classmates share.", "# 받습니다. `virtsim answers`는 학생들이 함께 갖는 수치를 알려 줍니다."),
    ("# A predict question: the student commits an answer before the run.", "# 예측 질문: 학생은 실행 전에 답을 확정합니다."),
    ("# Each student gets one of the choices (picked from a hash of the ids).", "# 학생마다 선택지 중 하나를 받습니다(id들의 해시로 고름)."),
];

/// Library scenario or assignment `from` (of `kind`) with its name or id set to `id`: the
/// first `name = "..."` (a scenario's) or `id = "..."` (an assignment's) line that holds
/// the library's own name, a first comment line saying where the copy came from, and the
/// commands of the header comments naming the copy (`id.toml`), not the library's file,
/// in `lang` as the template's are. Every other line is the library's, byte for byte.
fn copy_of(kind: Kind, from: &str, id: &str, lang: Lang) -> Option<String> {
    let stem = from.strip_suffix(".toml").unwrap_or(from);
    let (text, key, library_path) = match kind {
        Kind::Scenario => (
            virtsim_library::scenario(stem)?,
            "name",
            format!("scenarios/{stem}.toml"),
        ),
        Kind::Assignment => (
            virtsim_library::assignment(stem)?,
            "id",
            format!("scenarios/assignments/{stem}.toml"),
        ),
    };
    let own = format!("{key} = \"{stem}\"");
    let mut renamed = false;
    let mut out = match lang {
        Lang::En => format!("# A copy of the library's {stem}.toml (virtsim new --from {stem}).\n"),
        Lang::Ko => {
            format!("# 라이브러리의 {stem}.toml을 복사한 파일입니다 (virtsim new --from {stem}).\n")
        }
    };
    // The header: the comment lines before the first other line.
    let mut header = true;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        header &= body.starts_with('#');
        if header {
            if let Some(command) = header_command(body, &library_path, id, lang) {
                out.push_str(&command);
                out.push_str(&line[body.len()..]);
                continue;
            }
        }
        if !renamed && line.trim_end() == own {
            out.push_str(&format!("{key} = \"{id}\"\n"));
            renamed = true;
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// A library file's header comment `body` that gives a command (`# Run: virtsim run
/// scenarios/x.toml ...`), rewritten for a copy named `id`: the library's own file
/// (`library_path`) becomes `id.toml`, another library file (a scenario's other part) a
/// `new --from` of it, and in Korean the label and the notes are Korean and the command
/// has `--lang ko`, as in the template. `None` for any other line.
fn header_command(body: &str, library_path: &str, id: &str, lang: Lang) -> Option<String> {
    let at = body.find("virtsim ")?;
    let (prefix, command) = body.split_at(at);
    let mut words = command.splitn(3, ' ');
    let (_, verb, rest) = (words.next()?, words.next()?, words.next()?);
    let (path, tail) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
    let other = path
        .strip_prefix("scenarios/")
        .and_then(|p| p.strip_suffix(".toml"))
        .filter(|_| path != library_path)
        .filter(|p| virtsim_library::scenario(p).is_some());
    if path != library_path && other.is_none() {
        return None;
    }
    // The command's own arguments and a note after it (`   (...)`).
    let (args, note) = match tail.find("   (") {
        Some(at) => (&tail[..at], Some(&tail[at + 3..])),
        None => (tail, None),
    };
    let command = match other {
        Some(other) => format!("virtsim new scenario my-{other} --from {other}"),
        None => format!("virtsim {verb} {id}.toml{args}"),
    };
    Some(match lang {
        Lang::En => match other {
            Some(other) => {
                format!("{prefix}{command}   (the other part; then virtsim run my-{other}.toml)")
            }
            None => format!("{prefix}{command}{}", &tail[args.len()..]),
        },
        Lang::Ko => {
            let label = match prefix.trim_start_matches('#').trim() {
                "Run:" => "# 실행: ",
                "Check:" => "# 확인:         ",
                "Answers:" => "# 계산된 정답:  ",
                "Grade:" => "# 채점:         ",
                "" => "#       ",
                _ => prefix,
            };
            let lang_ko = if command.contains("--lang") || command.contains("--format") {
                ""
            } else {
                " --lang ko"
            };
            let note = match (other, note) {
                (Some(other), _) => {
                    &format!("   (다른 한 부분: 그다음 virtsim run my-{other}.toml --lang ko)")
                }
                (None, Some("(add --lang ko for Korean)")) => "   (--lang 없이는 영어)",
                (None, Some("(per-group 'vs native' under platforms[].groups)")) => {
                    "   (그룹별 ‘네이티브 대비’는 platforms[].groups에)"
                }
                (None, Some("(per-VM steal under platforms[].instances)")) => {
                    "   (VM별 스틸은 platforms[].instances에)"
                }
                (None, Some(_)) => &tail[args.len()..],
                (None, None) => "",
            };
            format!("{label}{command}{lang_ko}{note}")
        }
    })
}

/// Writes `NAME.toml` (or NAME if it already ends in .toml), from the template or, with
/// `from`, a copy of a library scenario or assignment; never overwrites a file.
pub fn run(kind: Kind, name: &str, lang: Lang, from: Option<&str>) -> Result<(), Failure> {
    let path: PathBuf = if name.ends_with(".toml") {
        PathBuf::from(name)
    } else {
        PathBuf::from(format!("{name}.toml"))
    };
    let stem = Path::new(&path)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().to_string());
    // The file's name goes into its comments and its id: it must be one as it stands
    // (an empty name wrote a hidden `.toml`; `x<y>` wrote comments naming `x-y-.toml`).
    // No name at all (`new scenario ""`, `labs/`, `.toml`): said so, with a name of the
    // kind's word (the stem `.toml` suggested "toml").
    if stem
        .strip_suffix(".toml")
        .unwrap_or(&stem)
        .trim()
        .is_empty()
    {
        let example = match kind {
            Kind::Scenario => "scenario-1",
            Kind::Assignment => "assignment-1",
        };
        return Err(Failure::Other(anyhow::anyhow!(match lang {
            Lang::En => format!(
                "the name is empty: give one such as {example} (1 to 64 ASCII letters (a-z, A-Z), digits, `-`, `_` or `.`, not starting with `.`; it becomes the file's name and its id)"
            ),
            Lang::Ko => format!(
                "이름이 비어 있습니다: {example}처럼 주세요 (영문자(a-z, A-Z), 숫자, `-`, `_`, `.`로 된 1~64자이며 `.`로 시작할 수 없습니다. 파일 이름이자 id가 됩니다)"
            ),
        })));
    }
    if stem.starts_with('.') || id_of(&stem) != stem || stem.len() > 64 {
        let example = suggested_name(kind, &stem);
        // A wrong argument on the command line (exit 1), as a bad --student id is.
        return Err(Failure::Other(anyhow::anyhow!(match lang {
            Lang::En => format!(
                "\"{}\": the name must be 1 to 64 ASCII letters (a-z, A-Z), digits, `-`, `_` or `.`, not starting with `.` (it becomes the file's name and its id; Hangul and other letters cannot be used), e.g. {}",
                crate::output::clean(&crate::output::long_value(name)),
                example
            ),
            Lang::Ko => format!(
                "\"{}\": 이름은 영문자(a-z, A-Z), 숫자, `-`, `_`, `.`로 된 1~64자여야 하며 `.`로 시작할 수 없습니다(파일 이름이자 id가 됩니다. 한글 등 다른 글자는 쓸 수 없습니다). 예: {}",
                crate::output::clean(&crate::output::long_value(name)),
                example
            ),
        })));
    }
    let text = match from {
        None => text(kind, &stem, lang),
        Some(from) => copy_of(kind, from, &stem, lang).ok_or_else(|| {
            let names: Vec<&str> = match kind {
                Kind::Scenario => virtsim_library::scenarios().map(|(n, _)| n).collect(),
                Kind::Assignment => virtsim_library::assignments().map(|(n, _)| n).collect(),
            };
            let names: Vec<&str> = names
                .iter()
                .map(|n| n.strip_suffix(".toml").unwrap_or(n))
                .collect();
            // The name of the other kind (`new scenario --from hypervisor-types`, an
            // assignment), or a near miss (`type1-vs-type3`): said first (a reviewer).
            let stem_of = |f: &str| f.strip_suffix(".toml").unwrap_or(f).to_string();
            let other_kind = match kind {
                Kind::Scenario => virtsim_library::assignment(from).is_some(),
                Kind::Assignment => virtsim_library::scenario(from).is_some(),
            };
            let guess = sim_core::scenario::guess(&stem_of(from), &names);
            let hint = match (lang, kind, other_kind, guess) {
                (Lang::En, Kind::Scenario, true, _) => format!(
                    "`{0}` is a library assignment: `virtsim new assignment NAME --from {0}`; ",
                    stem_of(from)
                ),
                (Lang::En, Kind::Assignment, true, _) => format!(
                    "`{0}` is a library scenario: `virtsim new scenario NAME --from {0}`; ",
                    stem_of(from)
                ),
                (Lang::Ko, Kind::Scenario, true, _) => sim_core::text::particles(&format!(
                    "`{0}`은(는) 라이브러리 과제입니다: `virtsim new assignment 이름 --from {0}`. ",
                    stem_of(from)
                )),
                (Lang::Ko, Kind::Assignment, true, _) => sim_core::text::particles(&format!(
                    "`{0}`은(는) 라이브러리 시나리오입니다: `virtsim new scenario 이름 --from {0}`. ",
                    stem_of(from)
                )),
                (Lang::En, _, false, Some(g)) => format!("did you mean `{g}`? "),
                (Lang::Ko, _, false, Some(g)) => format!("혹시 `{g}`인가요? "),
                _ => String::new(),
            };
            let (from, names) = (
                crate::output::clean(&crate::output::long_value(from)),
                names.join(", "),
            );
            Failure::Other(anyhow::anyhow!(match (lang, kind) {
                (Lang::En, Kind::Scenario) =>
                    format!("--from {from}: no library scenario has that name; {hint}the library's: {names}"),
                (Lang::En, Kind::Assignment) =>
                    format!("--from {from}: no library assignment has that name; {hint}the library's: {names}"),
                (Lang::Ko, Kind::Scenario) =>
                    format!("--from {from}: 그런 이름의 라이브러리 시나리오가 없습니다. {hint}라이브러리: {names}"),
                (Lang::Ko, Kind::Assignment) =>
                    format!("--from {from}: 그런 이름의 라이브러리 과제가 없습니다. {hint}라이브러리: {names}"),
            }))
        })?,
    };
    // A folder that does not exist is not created: say so, not "No such file or directory".
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        if !folder.is_dir() {
            // `report` cleans the message of terminal escapes.
            let (folder, file) = (crate::shown(folder), crate::shown(&path));
            return Err(Failure::Other(anyhow::anyhow!(match lang {
                Lang::En => format!(
                    "cannot create {file}: the folder {folder} does not exist (create it first, or give a name in an existing folder)"
                ),
                Lang::Ko => sim_core::text::particles(&format!(
                    "{file}을(를) 만들 수 없습니다: 폴더 {folder}이(가) 없습니다 (먼저 폴더를 만들거나, 있는 폴더 안의 이름을 주세요)"
                )),
            })));
        }
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            // The reason in the messages' language (a reviewer read "File exists (os error
            // 17)" in a Korean message).
            let why = crate::io_reason(lang, &e);
            Failure::Other(anyhow::anyhow!(match lang {
                Lang::En => format!(
                    "cannot create {}: {why} (an existing file is never overwritten)",
                    crate::shown(&path)
                ),
                Lang::Ko => sim_core::text::particles(&format!(
                    "{}을(를) 만들 수 없습니다: {why} (있는 파일은 덮어쓰지 않습니다)",
                    crate::shown(&path)
                )),
            }))
        })?;
    file.write_all(text.as_bytes()).map_err(|e| {
        let why = crate::io_reason(lang, &e);
        Failure::Other(anyhow::anyhow!(match lang {
            Lang::En => format!("cannot write {}: {why}", crate::shown(&path)),
            Lang::Ko => sim_core::text::particles(&format!(
                "{}을(를) 쓸 수 없습니다: {why}",
                crate::shown(&path)
            )),
        }))
    })?;
    match lang {
        Lang::En => crate::outln!(
            "wrote {0}; edit it, then check it with: virtsim validate {0}",
            crate::shown(&path)
        )?,
        Lang::Ko => crate::outln!(
            "{}",
            sim_core::text::particles(&format!(
                "{0}을(를) 만들었습니다. 고친 뒤 다음으로 확인하세요: virtsim validate {0} --lang ko",
                crate::shown(&path)
            ))
        )?,
    }
    Ok(())
}

const SCENARIO: &str = r#"# A virtsim scenario (docs/scenario-format.md describes every key).
# Check it:   virtsim validate {{NAME}}.toml
# Run it:     virtsim run {{NAME}}.toml          (add --lang ko for Korean)
# Answers:    virtsim answers {{NAME}}.toml

[scenario]
name = "{{NAME}}"
# Every text a student reads exists in English and Korean.
title = { en = "System calls under three techniques", ko = "세 가지 기법에서의 시스템 콜" }
description = { en = "The same system-call-heavy VM on binary translation, paravirtualization and hardware assist.", ko = "시스템 콜이 많은 같은 VM을 바이너리 변환, 반가상화, 하드웨어 지원에서 실행합니다." }
seed = 1             # same seed, same results, on every machine and in the page
duration_ms = 20     # simulated time per platform; keep library scenarios short

[host]
cores = 2
memory_gib = 8

# Platforms to compare: kind = native | type1 | type2 | container | vdi.
[[platform]]
name = "bt"
kind = "type1"
technique = "binary_translation"

[[platform]]
name = "para"
kind = "type1"
technique = "para"

[[platform]]
name = "hw"
kind = "type1"
technique = "hardware_assist"

# What runs on every platform (a preset workload, or a [[workload]] of your own).
[[instance]]
name = "vm"
vcpus = 1
workload = "syscall-heavy"

# Questions whose answers the simulator computes: kind = choice (which platform?) or
# numeric (what value?, with tolerance_percent: relative to the answer, so 10 on an answer
# of 50% accepts 45% to 55%, not 40% to 60%).
[[question]]
id = "fastest"
kind = "choice"
text = { en = "Which technique reaches the highest share of native throughput?", ko = "네이티브 대비 처리량 비율이 가장 높은 기법은 무엇인가요?" }
metric = "relative_performance_percent"
select = "highest"
explanation = { en = "Compare the steps of a system call on each platform (the Stack & paths tab).", ko = "플랫폼마다 시스템 콜의 단계를 비교해 보세요(‘스택과 경로’ 탭)." }

[[question]]
id = "bt-relative"
kind = "numeric"
text = { en = "What share of native throughput (%) does binary translation reach?", ko = "바이너리 변환은 네이티브 대비 처리량의 몇 %에 도달하나요?" }
metric = "relative_performance_percent"
platform = "bt"
tolerance_percent = 10
"#;

const ASSIGNMENT: &str = r#"# A virtsim assignment (docs/assignment-format.md describes every key).
# Check it:          virtsim validate {{ID}}.toml
# Computed answers:  virtsim answers {{ID}}.toml --student s001
# Grade:             virtsim grade {{ID}}.toml answers/*.json
# Hand it out: open it in the page (Assignments → Open an assignment file…), then press
# "Copy the assignment link" and send that link (in Korean: 과제 → 과제 파일 열기…, 과제 링크 복사).
# Run `virtsim answers` first: it warns about near ties that `validate` cannot see
# (validate does not run the simulation).

[assignment]
# The id goes into every answers file and every student's seed: keep it once handed out.
id = "{{ID}}"
title = { en = "Type 1 and type 2 hypervisors", ko = "Type 1과 Type 2 하이퍼바이저" }
intro = { en = "Two short exercises. Answer each question; some ask you to predict before you run.", ko = "짧은 실습 두 개입니다. 질문에 답하세요. 일부는 실행 전에 예측을 묻습니다." }
reveal = true        # show right/wrong and the computed answer once answered

[[step]]
id = "who-pays-for-io"
title = { en = "Who pays for I/O?", ko = "I/O 비용은 누가 치르나?" }
intro = { en = "The same VMs run on a type-1 and a type-2 hypervisor; how many of them run differs between students. Predict first, then run.", ko = "같은 VM들을 Type 1과 Type 2 하이퍼바이저에서 실행합니다. VM 수는 학생마다 다릅니다. 먼저 예측하고 실행하세요." }
# A scenario of the library, by file name (or embed one: scenario_toml = '''...''').
scenario = "type1-vs-type2.toml"
# Questions of the scenario itself, by id (one point each): here the prediction below,
# asked again once the run has answered it.
scenario_questions = ["lowest-relative"]
# Each student gets a seed of their own (from the assignment id and their student id).
student_seed = true
# A seed alone does not move a figure that comes from fixed costs (the host OS's share
# below): each student also gets one of these choices (picked from a hash of the ids),
# how many VMs of each group run. `virtsim answers` notes figures that classmates share.
[[step.vary]]
parameter = "instance_count"
choices = [1, 2, 3]

# A predict question: the student commits an answer before the run.
[[step.question]]
id = "predict-slowest"
predict = true
points = 2
kind = "choice"
text = { en = "Before running: which platform will reach the smallest share of native throughput?", ko = "실행 전에: 네이티브 대비 처리량 비율이 가장 낮을 플랫폼은 어느 것인가요?" }
metric = "relative_performance_percent"
select = "lowest"

[[step.question]]
id = "host-share"
kind = "numeric"
text = { en = "What percentage of CPU time does the host OS take on type2?", ko = "type2에서 호스트 OS가 차지하는 CPU 시간은 몇 %인가요?" }
metric = "host_os_percent"
platform = "type2"
tolerance_percent = 5

[[step]]
id = "cores"
title = { en = "Fewer or more cores", ko = "코어 수에 따라" }
intro = { en = "Your host has a number of cores of its own (it differs between students).", ko = "호스트의 코어 수는 학생마다 다릅니다." }
scenario = "type1-vs-type2.toml"
student_seed = true

# Each student gets one of the choices (picked from a hash of the ids).
[[step.vary]]
parameter = "host_cores"
choices = [2, 4, 8]

[[step.question]]
id = "type1-idle"
kind = "numeric"
text = { en = "What share of the host's CPU time (%) is idle on type1 with your host's cores?", ko = "내 호스트의 코어 수에서 type1의 CPU 시간 중 유휴(idle)는 몇 %인가요?" }
metric = "idle_percent"
platform = "type1"
tolerance_percent = 5
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The name suggested for one `new` refuses is one it takes: a reviewer's `과제1`
    /// suggested "--1" (the Latin letters and digits left after dropping the Hangul).
    #[test]
    fn a_refused_name_suggests_one_that_is_taken() {
        for (kind, name, suggested) in [
            (Kind::Scenario, "과제1", "scenario-1"),
            (Kind::Assignment, "과제 1", "assignment-1"),
            (Kind::Scenario, "과제", "my-scenario"),
            (Kind::Scenario, "", "my-scenario"),
            (Kind::Scenario, "x<y>", "x-y"),
            (Kind::Scenario, "week 3", "week-3"),
            (Kind::Scenario, "3주차 lab", "3-lab"),
            (Kind::Scenario, ".hidden", "hidden"),
            (Kind::Assignment, "a\nb", "a-b"),
        ] {
            let got = suggested_name(kind, name);
            assert_eq!(got, suggested, "{name:?}");
            assert!(got.len() <= 64 && !got.starts_with('.') && id_of(&got) == got);
        }
        let long = "가".repeat(10) + &"a".repeat(100);
        assert_eq!(suggested_name(Kind::Scenario, &long), "a".repeat(64));
        assert_eq!(suggested_name(Kind::Scenario, &"9".repeat(100)).len(), 64);
    }

    /// With --lang ko every comment of both templates is in Korean (one left in English
    /// would have no Hangul), and the TOML is the same as in English.
    #[test]
    fn korean_templates_have_every_comment_in_korean() {
        let hangul = |c: char| ('가'..='힣').contains(&c);
        for kind in [Kind::Scenario, Kind::Assignment] {
            let (en, ko) = (text(kind, "w", Lang::En), text(kind, "w", Lang::Ko));
            assert_eq!(en.lines().count(), ko.lines().count());
            for (e, k) in en.lines().zip(ko.lines()) {
                match (e.find('#'), k.find('#')) {
                    (Some(e_at), Some(k_at)) => {
                        assert_eq!(e[..e_at], k[..k_at], "the TOML before the comment");
                        assert!(k[k_at..].chars().any(hangul), "left in English: {k}");
                    }
                    _ => assert_eq!(e, k),
                }
            }
        }
    }

    #[test]
    fn ids_keep_only_safe_characters() {
        assert_eq!(id_of("os-2026 week 3"), "os-2026-week-3");
        assert_eq!(id_of("과제"), "my-assignment");
    }

    /// The template's numeric question asks for a percentage: its comment says the
    /// tolerance is relative to the answer (not percentage points), with numbers that hold.
    #[test]
    fn the_template_says_a_tolerance_is_relative() {
        assert!(SCENARIO.contains("relative to the answer, so 10 on an answer\n# of 50% accepts 45% to 55%, not 40% to 60%"));
        let q = sim_core::QuestionAnswer::numeric(
            "q",
            sim_core::question::Metric::RelativePerformancePercent,
            50.0,
            10.0,
        );
        assert!(q.check("45") && q.check("55") && !q.check("44.9") && !q.check("55.1"));
    }
}

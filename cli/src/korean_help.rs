//! `--help` in Korean: the commands' and arguments' texts and clap's headings, for a command
//! line with `--lang ko`.
//!
//! The English texts are the doc comments in `args.rs`; here each command and argument
//! has its Korean text (a short one for `-h`, a long one for `--help`), looked up by the
//! command's name and the argument's id. A test walks the whole command tree: a command
//! or argument added without a Korean text, or a text left for one removed, fails it.
//! clap's own words (`Usage:`, `Options:`, `[default: ...]`, `Possible values:`) are
//! replaced: the headings by a help template and headings of our own, the default and
//! possible values by the texts, which name them.

use clap::Command;

/// One command's or argument's Korean text: (command, argument id or "" for the command
/// itself, short help, long help or "" when the short one says everything).
type Text = (&'static str, &'static str, &'static str, &'static str);

const TEXTS: &[Text] = &[
    (
        "virtsim",
        "",
        "결정적(deterministic) 사이클 단위 가상화 시뮬레이터",
        "",
    ),
    (
        "virtsim",
        "lang",
        "출력, 메시지, 도움말의 언어: 명령 앞이나 뒤에 씁니다(`virtsim --lang ko run ...`, \
         `virtsim run ... --lang ko`). `new`는 템플릿의 주석도 이 언어로 씁니다(학생에게 보이는 \
         텍스트는 어느 쪽이든 두 언어를 모두 담습니다) [기본값: en] [가능한 값: en, ko]",
        "",
    ),
    (
        "run",
        "",
        "시나리오를 실행하고 결과를 주어진 순서대로 출력합니다",
        "",
    ),
    (
        "run",
        "files",
        "시나리오 파일 또는 디렉터리(그 안의 `*.toml` 시나리오 파일을 이름 순으로 실행)",
        "시나리오 파일(`-`는 표준 입력) 또는 디렉터리(그 안의 `*.toml` 시나리오 파일을 이름 순으로 실행하고, \
         과제 파일은 stderr에 알리고 건너뜁니다). 디렉터리는 바로 아래의 파일만 \
         봅니다. 그 안에서 `*.toml`이라는 이름의 하위 디렉터리(또는 그것을 가리키는 링크), \
         파이프, 장치는 stderr에 알리고 건너뜁니다. 파일을 가리키는 심볼릭 링크는 따라갑니다",
    ),
    (
        "run",
        "jobs",
        "시나리오의 작업(플랫폼, 기준 실행, 스윕 지점)을 병렬로 실행할 스레드 수. 스레드 수와 \
         관계없이 출력은 같습니다(기본값 또는 0이면 이 컴퓨터의 코어 수)",
        "",
    ),
    (
        "run",
        "format",
        "출력 형식 [기본값: table] [가능한 값: table, json, jsonl, csv]",
        "출력 형식\n\
         \n\
         가능한 값:\n\
         - table: 읽는 사람을 위한 표와 참고, 파일마다 차례로\n\
         - json:  파일마다 보기 좋게 들여쓴 JSON 문서 하나(sim_core::RunResult, 그 `scenario`는 \
         시나리오 이름), 주어진 순서로. `jq -s`가 여러 개를 배열 하나로 읽습니다\n\
         - jsonl: JSON Lines. 파일마다 한 줄에 압축한 JSON 객체 하나, 주어진 순서로. 각각 json의 \
         것과 같습니다(여러 파일이나 디렉터리에서 시나리오마다 한 줄, 한 줄씩 읽힘)\n\
         - csv:   모든 파일의 행을 담은 표 하나(행마다 시나리오 이름), 머리글은 한 번\n\
         \n\
         [기본값: table]",
    ),
    (
        "run",
        "seed",
        "시나리오의 시드를 바꿉니다(0부터 18446744073709551615까지). 파일과 다른 시드로 \
         실행하면(어느 출력 형식이든), 설명에 인용된 수치는 파일에 적힌 시드 기준이라고 stderr에 \
         알립니다",
        "",
    ),
    (
        "run",
        "costs",
        "파일의 `[costs]` 표처럼 비용 하나를 정합니다. 주어진 모든 파일에 적용됩니다(`--cost \
         hosted_world_switch=1500`. 여러 번 줄 수 있고, 모든 비용의 단위와 범위는 \
         docs/cost-model.md에 있습니다). 파일의 항목처럼 검사합니다: 모르는 이름이나 비용의 \
         범위를 벗어난 값은 잘못된 시나리오입니다(종료 코드 2)",
        "",
    ),
    (
        "run",
        "trace",
        "pCPU별 타임라인을 JSON 출력에 기록합니다(--format json 또는 jsonl이 필요합니다. 표와 \
         CSV에는 타임라인이 없습니다)",
        "",
    ),
    (
        "run",
        "max_events",
        "이벤트가 이보다 많이 필요하면 오류로 멈춥니다(기본값이자 최댓값: 검사기의 한도인 \
         20억)",
        "",
    ),
    (
        "validate",
        "",
        "시뮬레이션을 실행하지 않고 시나리오와 과제 파일을 검사합니다",
        "시뮬레이션을 실행하지 않고 시나리오와 과제 파일을 검사합니다.\n\
         \n\
         시나리오의 서로 독립인 오류를 모두 파일 순서대로, 각각 FILE:LINE:COLUMN: 메시지 \
         형식으로 알립니다(최대 20개까지 알리고, 그 뒤로는 몇 개가 더 있는지 또는 어디서 \
         읽기를 멈췄는지 알립니다). 모르는 키나 값, 자료형이 맞지 않는 값은 건너뛰고 계속 \
         읽지만, TOML 문법 오류, 모르는 테이블, 구조가 맞지 않는 테이블이나 필요한 키가 없는 \
         테이블에서는 읽기를 멈춥니다(참고 메시지로 알립니다. docs/scenario-format.md 참고). \
         잘못된 파일이 있으면 종료 코드는 2입니다.\n\
         \n\
         선택형 질문에서 플랫폼 사이의 거의 동점, 학생의 변형마다 달라지는 선택 답은 \
         실행해야만 보입니다. `virtsim answers`(또는 `run`)가 stderr에 경고하므로, 학생들에게 \
         나눠 주기 전에 실행해 보세요.",
    ),
    (
        "validate",
        "files",
        "시나리오나 과제 파일, 또는 안의 `*.toml` 파일을 검사할 디렉터리",
        "시나리오나 과제 파일, 또는 안의 `*.toml` 파일을 검사할 디렉터리(파일을 가리키는 \
         심볼릭 링크는 따라가고, `*.toml`이라는 이름의 하위 디렉터리, 그것을 가리키는 링크, \
         파이프, 장치는 stderr에 알리고 건너뜁니다). 파이프인 경로(`/dev/stdin`, FIFO)는 \
         쓰는 쪽이 닫을 때까지 읽습니다. 아무도 쓰지 않는 FIFO는 계속 기다립니다",
    ),
    (
        "explain",
        "",
        "한 플랫폼에서 연산 하나를 단계별로 따라갑니다: VM exit, CPU가 저장하는 것, \
         하이퍼바이저의 처리, VM entry(진입), 그리고 다른 기법에서의 같은 연산",
        "",
    ),
    ("explain", "file", "시나리오 파일", ""),
    ("explain", "platform", "시나리오 안의 플랫폼 이름", ""),
    (
        "explain",
        "op",
        "연산(syscall, cpuid, cr3_write, io_port, page_fault, ...; \
         `privileged_instruction`은 여러 경로의 혼합이라 경로 하나가 아닙니다)",
        "",
    ),
    (
        "explain",
        "format",
        "출력 형식 [기본값: table] [가능한 값: table, json]",
        "",
    ),
    (
        "schema",
        "",
        "시나리오 형식의 JSON Schema를 출력합니다(`--assignment`: 과제 형식의 것)",
        "",
    ),
    (
        "schema",
        "assignment",
        "시나리오 형식 대신 과제 형식의 스키마를 출력합니다",
        "",
    ),
    (
        "answers",
        "",
        "시나리오나 과제의 계산된 답을 출력합니다",
        "",
    ),
    ("answers", "file", "시나리오 또는 과제 파일", ""),
    (
        "answers",
        "student",
        "과제: 변형(시드, 매개변수)을 계산할 학생",
        "",
    ),
    (
        "answers",
        "format",
        "출력 형식 [기본값: table] [가능한 값: table, json, csv]",
        "출력 형식\n\
         \n\
         가능한 값:\n\
         - table: 질문마다 선택지, 근거(질문이 묻는 플랫폼마다의 수치), 계산된 답과 설명. 과제는 \
         단계별로\n\
         - json:  시나리오의 질문과 계산된 답(sim_core::QuestionAnswer), 또는 과제의 단계마다 \
         변형, 시나리오 해시, 질문(배점, 예측, 계산된 답)\n\
         - csv:   질문마다 한 행: 시나리오의 질문, 종류, 답, 값, 허용 오차. 과제는 학생, \
         단계, 배점, 예측, 변형, 시나리오 해시도\n\
         \n\
         [기본값: table]",
    ),
    (
        "answers",
        "answers_file",
        "만점 학생이 제출할 답안 파일 형식으로 답을 출력합니다(--student가 필요합니다)",
        "",
    ),
    (
        "answers",
        "set",
        "--answers-file 옵션과 함께: 계산된 답 대신 이 답을 넣습니다",
        "--answers-file 옵션과 함께: 계산된 답 대신 이 답을 넣어, 틀린 답, 읽을 수 없는 답, 빠진 \
         답을 `grade`로 시험해 봅니다(파일에 체크섬이 붙으므로 채점됩니다). 여러 번 쓸 수 \
         있습니다. 질문 id가 한 단계에만 있으면 QUESTION만, 아니면 STEP/QUESTION. 빈 \
         ANSWER는 그 질문을 답하지 않은 채로 둡니다. 예: `--set lowest-p99=xen-pv --set \
         web-busy/xen-crossings=1 --set home-p99=`",
    ),
    (
        "answers",
        "seed",
        "파일의 시드 대신 이 시드에서의 시나리오 답. 답이 파일의 시드에서와 다른 질문마다 \
         stderr에 참고를 남깁니다(그 설명은 파일의 시드에 맞춰 쓰였습니다)",
        "",
    ),
    (
        "answers",
        "seeds",
        "시나리오를 자기 시드와 FIRST..LAST의 각 시드에서 실행해, 질문마다 답이 몇 개의 \
         시드에서 유지되는지 보여 줍니다",
        "시나리오를 자기 시드와 FIRST..LAST의 각 시드(양 끝 포함, 최대 100개)에서 \
         실행합니다. 질문마다 답이 몇 개의 시드에서 유지되는지(양방향으로 비교해 같은 답, 곧 \
         서로 상대의 허용 오차 안이고, 그 시드에서 동점, 거의 동점, 너무 넓은 허용 오차가 \
         없음)와 시드들이 낸 답을 보여 \
         주고, 시드에 따라 달라지는 질문마다 경고합니다. --format json이나 csv: 시드마다의 \
         답과 판정",
    ),
    (
        "grade",
        "",
        "과제에 대한 학생들의 답안 파일을 채점합니다(종료 코드: --help 참고)",
        "과제에 대한 학생들의 답안 파일을 채점합니다.\n\
         \n\
         종료 코드 0: 모든 파일이 문제없이 채점됨. 2: 잘못된 과제, 답안 파일이 아닌 파일, \
         또는 받아들일 수 없는 명단(읽을 수 없음, 같은 학번이 두 번, 학번이 될 수 없는 id, \
         학번이 하나도 없음). 1: 그 밖의 모든 경우: 변조되었거나 다른 시나리오 버전에 대해 답한 파일(채점하지 \
         않음), 문제가 있는 채로 채점됨(숫자를 묻는데 숫자가 아닌 답, 묻지 않은 질문에 대한 \
         답: 그 점수는 그대로입니다. file_status 참고), 또는 답안 파일이 없는 명단의 학생. \
         파일이 여럿이면 모두 보고하고 종료 코드는 가장 나쁜 것입니다: 1이 2보다, 2가 \
         0보다 앞섭니다",
    ),
    ("grade", "assignment", "답안이 쓰인 과제 파일", ""),
    (
        "grade",
        "answers",
        "학생들의 답안 파일(JSON: 페이지의 \"답안 파일 내려받기 (JSON)\")",
        "",
    ),
    (
        "grade",
        "roster",
        "반 명단: 한 줄에 학번(학생 id) 하나인 UTF-8 텍스트 파일",
        "반 명단: 한 줄에 학번(학생 id) 하나인 UTF-8 텍스트 파일(빈 줄과 #으로 시작하는 줄은 \
         건너뜁니다. id는 앞뒤 공백을 지우고 채점기와 똑같이 비교합니다. 대소문자만 다른 두 \
         id는 경고합니다). CSV가 아닙니다: 한 줄 전체가 id입니다. 답안 파일이 없는 명단의 \
         학생은 모두 나열하고(file_status `missing`, 종료 코드 1), 명단에 없는 id의 파일은 \
         경고하며 대소문자만 다른 명단의 id를 알려 줍니다",
    ),
    (
        "grade",
        "format",
        "출력 형식 [기본값: table] [가능한 값: table, json, csv, csv-excel]",
        "출력 형식\n\
         \n\
         가능한 값:\n\
         - table:     답안 파일마다 학생의 총점(답을 하나도 채점할 수 없으면 \"채점하지 \
         않음\", 오래된 단계가 있으면 \"최종 점수 아님\"), 문제들, 그리고 질문마다 한 행: 답, \
         계산된 정답, 판정, 점수. --roster와 함께: 이어서 파일이 없는 명단의 학생마다 한 줄\n\
         - json:      JSON 문서 하나: `assignment`, `max_points`, `files`. 파일마다 `file`, \
         `student`, `points`(`points_final`이 false이면 null: 채점하지 않은 파일, 오래된 \
         단계. 채점하지 않은 행의 `points`도 null), `points_final`, `file_status`(CSV와 \
         같음), `rows`(step, question, answer, expected, verdict, points, max_points, \
         predicted), `problems`, `messages`, 또는 읽지 못한 까닭인 `error`. --roster와 함께: \
         이어서 파일이 없는 명단의 학생마다 항목 하나: `file` null, `student`, `file_status` \
         `missing`\n\
         - csv:       파일마다 질문마다 한 행: file, student, step, question, answer, \
         expected, verdict, points, max_points, predicted, 그리고 파일의 file_points(기록할 \
         총점이 아니면 비어 있음), file_status(graded, graded_with_problems, partly_graded, \
         stale: 모든 답이 오래되어 채점하지 않음, not_graded, unreadable. --roster와 함께 \
         missing: 학생만 있는 행), file_note(까닭, --lang의 언어로)\n\
         - csv-excel: Excel용 같은 CSV: 맨 앞에 UTF-8 바이트 순서 표시(BOM). 이것이 없으면 \
         Excel은 시스템 코드 페이지로 읽어 한국어 답과 id가 깨집니다\n\
         \n\
         [기본값: table]",
    ),
    (
        "new",
        "",
        "검사를 통과하는, 주석이 달린 템플릿 파일을 만듭니다: `new scenario NAME` 또는 `new \
         assignment NAME`",
        "",
    ),
    ("new", "kind", "만들 파일 종류 [가능한 값: scenario, assignment]", ""),
    (
        "new",
        "name",
        "파일 이름이자 id: ASCII 영문자, 숫자, `-`, `_`, `.`(`.toml`이 없으면 붙입니다). \
         앞의 폴더(`labs/week3`)는 파일이 갈 곳이고 id에 들어가지 않습니다",
        "",
    ),
    (
        "new",
        "from",
        "템플릿 대신 라이브러리의 시나리오나 과제(예: `type1-vs-type2`, \
         `hypervisor-types`)를 복사하고, 그 이름이나 id를 NAME으로 바꿉니다",
        "",
    ),
    (
        "bench",
        "",
        "큰 시나리오(pCPU 64개, vCPU 512개)에서 초당 시뮬레이션 이벤트 수를 잽니다",
        "",
    ),
    (
        "bench",
        "seconds",
        "내장 벤치마크의 시뮬레이션 시간(초): 1 또는 2(더 길면 검사기의 이벤트 한도를 \
         넘습니다) [기본값: 2]",
        "",
    ),
    (
        "bench",
        "file",
        "내장 벤치마크 대신 시나리오 파일을 실행합니다",
        "",
    ),
    (
        "help",
        "",
        "이 도움말이나 주어진 하위 명령의 도움말을 출력합니다",
        "",
    ),
];

/// The help template: clap's default with its `Usage:` heading in Korean.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\n사용법: {usage}\n\n{all-args}{after-help}";

fn text(command: &str, arg: &str) -> Option<&'static Text> {
    TEXTS.iter().find(|t| t.0 == command && t.1 == arg)
}

/// `command` (the whole tree, built) with Korean texts and headings for `--help`.
pub(crate) fn korean_command(mut command: Command) -> Command {
    // Built first, so that clap's own `help` subcommand and `--help`/`--version` flags are
    // there to be given Korean texts too.
    command.build();
    korean_tree(command)
}

fn korean_tree(command: Command) -> Command {
    let name = command.get_name().to_string();
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("명령")
        .mut_args(|arg| {
            let id = arg.get_id().as_str().to_string();
            let arg = if arg.is_positional() {
                // In the order they are given (clap sorts a heading's arguments by name).
                let index = arg.get_index().unwrap_or_default();
                arg.help_heading("인수").display_order(index)
            } else {
                arg.help_heading("옵션")
            };
            match (id.as_str(), text_of_arg(&name, &id)) {
                ("help" | "version", _) => arg,
                (_, Some((_, _, short, long))) => arg
                    .help(*short)
                    .long_help((!long.is_empty()).then_some(*long))
                    .hide_default_value(true)
                    .hide_possible_values(true),
                (_, None) => arg,
            }
        });
    if let Some((_, _, short, long)) = text(&name, "") {
        command = command
            .about(*short)
            .long_about((!long.is_empty()).then_some(*long));
    }
    // `-h` says that `--help` shows more only where it does, as clap's own words do.
    let more = command.get_long_about().is_some()
        || command
            .get_arguments()
            .any(|a| a.get_long_help().is_some() && a.get_id() != "help");
    command = command.mut_args(|arg| match arg.get_id().as_str() {
        "help" if more => arg
            .help("도움말 보기 (자세히: '--help')")
            .long_help("도움말 보기 (요약: '-h')"),
        "help" => arg.help("도움말 보기").long_help(None::<&str>),
        "version" => arg.help("버전 보기"),
        _ => arg,
    });
    command.mut_subcommands(korean_tree)
}

/// clap's labels that no text of this table reaches, in Korean: a command's visible
/// aliases (`[alias: check]`).
pub(crate) fn korean_labels(help: &str) -> String {
    help.replace("[alias: ", "[별칭: ")
        .replace("[aliases: ", "[별칭: ")
}

/// An argument's text: the command's own, or for a global one (`--lang`, given before or
/// after the command) the top-level command's.
fn text_of_arg(command: &str, arg: &str) -> Option<&'static Text> {
    text(command, arg).or_else(|| text("virtsim", arg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn korean() -> Command {
        korean_command(crate::args::Cli::command())
    }

    /// Every command and argument has its Korean text, and every text names a command or
    /// argument that exists (a text left behind by a removed one would never be seen).
    #[test]
    fn every_command_and_argument_has_a_korean_text() {
        let mut command = crate::args::Cli::command();
        command.build();
        let mut seen = Vec::new();
        let mut missing = Vec::new();
        let mut walk = vec![command];
        while let Some(command) = walk.pop() {
            let name = command.get_name().to_string();
            if text(&name, "").is_none() {
                missing.push(format!("the command {name}"));
            }
            seen.push((name.clone(), String::new()));
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                match text_of_arg(&name, id) {
                    Some((_, _, short, long)) => {
                        // The texts name each possible value (clap's list is hidden).
                        for value in arg.get_possible_values() {
                            let said = format!("{short}{long}");
                            assert!(
                                said.contains(value.get_name()),
                                "{name} --{id}: {} not named in {said}",
                                value.get_name()
                            );
                        }
                    }
                    None => missing.push(format!("{name} {id}")),
                }
                seen.push((name.clone(), id.to_string()));
            }
            walk.extend(command.get_subcommands().cloned());
        }
        assert!(missing.is_empty(), "no Korean text: {missing:?}");
        for (command, arg, ..) in TEXTS {
            assert!(
                seen.iter().any(|(c, a)| c == command && a == arg),
                "a Korean text for {command} {arg:?}, which does not exist"
            );
        }
    }

    /// The help screens read in Korean: no English heading or label of clap's is left.
    #[test]
    fn help_screens_have_no_english_headings() {
        let mut command = korean();
        let mut screens = vec![command.render_help().to_string()];
        screens.push(command.render_long_help().to_string());
        for sub in [
            "run", "validate", "explain", "answers", "grade", "new", "bench",
        ] {
            let sub = command.find_subcommand_mut(sub).expect("a subcommand");
            screens.push(sub.render_help().to_string());
            screens.push(sub.render_long_help().to_string());
        }
        for screen in &screens {
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "[default:",
                "[possible values:",
                "Possible values:",
                "Print help",
                "Print version",
                // The English doc comments' sentences (a long help left in English).
                "Output format",
                "Language of",
                "Scenario files",
                "The students'",
            ] {
                assert!(!screen.contains(english), "{english:?} in:\n{screen}");
            }
            assert!(screen.contains("사용법: virtsim"), "{screen}");
        }
        let top = korean_labels(&command.render_help().to_string());
        assert!(top.contains("[별칭: check]"), "{top}");
        assert!(!top.contains("[alias"), "{top}");
        let run = command.find_subcommand_mut("run").expect("run");
        let help = run.render_help().to_string();
        assert!(help.contains("인수:\n  <FILES>..."), "{help}");
        assert!(help.contains("옵션:\n  -j, --jobs <N>"), "{help}");
        let grade = command.find_subcommand_mut("grade").expect("grade");
        let help = grade.render_help().to_string();
        assert!(
            help.contains("인수:\n  <ASSIGNMENT>  답안이 쓰인 과제 파일\n  <ANSWERS>..."),
            "{help}"
        );
    }
}

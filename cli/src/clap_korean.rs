//! clap's messages for a command line it could not read, said in Korean under `--lang ko`.
//!
//! clap writes its errors in English only. This module says the same things in Korean
//! from what the error carries (its kind and context: the argument, the value, the
//! possible values, the suggestions, the usage line), in the layout clap uses: the
//! message, a blank line and the tips, the usage, then where to read more. An error kind
//! or a tip it does not know keeps clap's English words for that part, so nothing clap
//! says is lost. Quoted arguments come last or before `에` so that no particle has to
//! follow an English word.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// The whole message, as clap's `render` lays it out, in Korean. `shorten` quotes a value
/// by its start when it is long (as the CLI's own messages quote one).
pub(crate) fn korean_clap_error(e: &Error, shorten: impl Fn(&str) -> String) -> String {
    let mut text = String::from("오류: ");
    match message(e, &shorten) {
        Some(message) => text.push_str(&message),
        None => text.push_str(&english_message(e)),
    }
    let tips = tips(e);
    if !tips.is_empty() {
        text.push('\n');
        for tip in tips {
            text.push_str("\n  힌트: ");
            text.push_str(&tip);
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        text.push_str("\n\n");
        text.push_str(&usage.replacen("Usage:", "사용법:", 1));
    }
    text.push_str("\n\n자세한 내용은 '--help --lang ko'를 보세요.\n");
    text
}

/// clap's own first line (after `error: `), for a kind this module does not word.
fn english_message(e: &Error) -> String {
    let rendered = e.render().to_string();
    let first = rendered.split("\n\n").next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}

fn string(e: &Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &Error, kind: ContextKind) -> Option<&[String]> {
    match e.get(kind) {
        Some(ContextValue::Strings(s)) => Some(s),
        _ => None,
    }
}

fn number(e: &Error, kind: ContextKind) -> Option<isize> {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// `\n  [가능한 값: a, b]`, or nothing for an empty or missing list.
fn values_list(name: &str, values: Option<&[String]>) -> String {
    match values {
        Some(values) if !values.is_empty() => format!("\n  [{name}: {}]", values.join(", ")),
        _ => String::new(),
    }
}

/// The message for the error's kind, or `None` when its context lacks what it needs.
fn message(e: &Error, shorten: &impl Fn(&str) -> String) -> Option<String> {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue).map(shorten);
    Some(match e.kind() {
        ErrorKind::UnknownArgument => format!("예상하지 못한 인수입니다: '{}'", arg?),
        ErrorKind::InvalidSubcommand => format!(
            "알 수 없는 하위 명령입니다: '{}'",
            string(e, ContextKind::InvalidSubcommand)?
        ),
        ErrorKind::InvalidValue => {
            let (arg, value) = (arg?, value?);
            let list = values_list("가능한 값", strings(e, ContextKind::ValidValue));
            if value.is_empty() {
                format!("'{arg}'에 값이 필요한데 주어지지 않았습니다{list}")
            } else {
                format!("'{arg}'에 쓸 수 없는 값입니다: '{value}'{list}")
            }
        }
        ErrorKind::ValueValidation => {
            let (arg, value) = (arg?, value?);
            match std::error::Error::source(e) {
                Some(source) => format!(
                    "'{arg}'에 쓸 수 없는 값입니다: '{value}': {}",
                    korean_reason(&source.to_string())
                ),
                None => format!("'{arg}'에 쓸 수 없는 값입니다: '{value}'"),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let mut text = String::from("다음 필수 인수가 주어지지 않았습니다:");
            for arg in strings(e, ContextKind::InvalidArg)? {
                text.push_str("\n  ");
                text.push_str(arg);
            }
            text
        }
        ErrorKind::MissingSubcommand => format!(
            "'{}'에는 하위 명령이 필요한데 주어지지 않았습니다{}",
            string(e, ContextKind::InvalidSubcommand)?,
            values_list("하위 명령", strings(e, ContextKind::ValidSubcommand))
        ),
        ErrorKind::ArgumentConflict => {
            let arg = arg?;
            match e.get(ContextKind::PriorArg) {
                Some(ContextValue::String(prior)) if prior == arg => {
                    format!("'{arg}' 인수는 한 번만 쓸 수 있습니다")
                }
                Some(ContextValue::String(prior)) => {
                    format!("'{arg}' 인수는 다음과 함께 쓸 수 없습니다: '{prior}'")
                }
                Some(ContextValue::Strings(priors)) => {
                    let mut text = format!("'{arg}' 인수는 다음과 함께 쓸 수 없습니다:");
                    for prior in priors {
                        text.push_str("\n  ");
                        text.push_str(prior);
                    }
                    text
                }
                _ => format!("'{arg}' 인수는 함께 쓴 다른 인수와 같이 쓸 수 없습니다"),
            }
        }
        ErrorKind::NoEquals => format!("'{}'에 값을 줄 때는 등호(=)가 필요합니다", arg?),
        ErrorKind::TooManyValues => {
            format!("'{}'에는 더 이상 값을 줄 수 없습니다: '{}'", arg?, value?)
        }
        ErrorKind::TooFewValues => format!(
            "'{}'에는 값이 {}개 필요한데 {}개만 주어졌습니다",
            arg?,
            number(e, ContextKind::MinValues)?,
            number(e, ContextKind::ActualNumValues)?
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "'{}'에는 값이 {}개 필요한데 {}개가 주어졌습니다",
            arg?,
            number(e, ContextKind::ExpectedNumValues)?,
            number(e, ContextKind::ActualNumValues)?
        ),
        ErrorKind::InvalidUtf8 => "UTF-8이 아닌 인수가 있습니다".to_string(),
        _ => return None,
    })
}

/// The reason a value parser gave, in Korean when it is one of the standard library's or
/// clap's (integers, ranges); another stays as it is.
fn korean_reason(reason: &str) -> String {
    match reason {
        // Every integer the CLI reads is unsigned (`--jobs`, `--seed`, ...): `-5` too.
        "invalid digit found in string" => return "0 이상의 정수로 읽을 수 없습니다".to_string(),
        "cannot parse integer from empty string" => return "비어 있습니다".to_string(),
        "number too large to fit in target type" => return "수가 너무 큽니다".to_string(),
        "number too small to fit in target type" => return "수가 너무 작습니다".to_string(),
        _ => {}
    }
    // clap's ranges: "5 is not in 1..=2".
    if let Some((_, range)) = reason.split_once(" is not in ") {
        return match range.split_once("..=") {
            // Grouped as the CLI prints counts ("2,000,000,000"; one already grouped stays).
            Some((low, high)) => format!(
                "{} 이상 {} 이하여야 합니다",
                sim_core::text::grouped(low),
                sim_core::text::grouped(high)
            ),
            None => format!("허용 범위 {range} 밖입니다"),
        };
    }
    reason.to_string()
}

/// The tips clap would print, in Korean where their words are known.
fn tips(e: &Error) -> Vec<String> {
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "하위 명령이"),
        (ContextKind::SuggestedArg, "인수가"),
        (ContextKind::SuggestedValue, "값이"),
    ] {
        let quoted = match e.get(kind) {
            Some(ContextValue::String(s)) => vec![format!("'{s}'")],
            Some(ContextValue::Strings(s)) => s.iter().map(|s| format!("'{s}'")).collect(),
            _ => continue,
        };
        tips.push(format!("비슷한 {what} 있습니다: {}", quoted.join(", ")));
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = e.get(ContextKind::Suggested) {
        tips.extend(suggestions.iter().map(|s| korean_tip(&s.to_string())));
    }
    tips
}

/// One of clap's free-form tips in Korean, when its wording is known.
fn korean_tip(tip: &str) -> String {
    // "to pass '-x' as a value, use '-- -x'"
    if let Some(rest) = tip.strip_prefix("to pass ") {
        if let Some((what, how)) = rest.split_once(" as a value, use ") {
            return format!("{what} 자체를 값으로 넘기려면 이렇게 쓰세요: {how}");
        }
    }
    // "'run --format' exists": the argument belongs to a subcommand.
    if let Some(quoted) = tip.strip_suffix(" exists") {
        return format!("이 인수는 하위 명령 뒤에 씁니다: {quoted}");
    }
    tip.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Parser, Subcommand};

    #[derive(Parser, Debug)]
    #[command(name = "tool")]
    struct Tool {
        #[command(subcommand)]
        command: Sub,
    }

    #[derive(Subcommand, Debug)]
    enum Sub {
        Run {
            #[arg(long, value_parser = ["table", "json"])]
            format: Option<String>,
            #[arg(long, value_parser = clap::value_parser!(u64).range(1..=2))]
            seconds: Option<u64>,
            #[arg(long)]
            jobs: Option<u64>,
            files: Vec<String>,
        },
        Grade {
            file: String,
        },
    }

    fn korean(args: &[&str]) -> String {
        let e = Tool::try_parse_from(args).expect_err("a command line clap refuses");
        korean_clap_error(&e, |s| s.to_string())
    }

    /// Each kind the CLI meets is said in Korean, with clap's layout (message, tips,
    /// usage, where to read more) and nothing of clap's English sentences left.
    #[test]
    fn clap_errors_are_said_in_korean() {
        let cases: [(&[&str], &str); 10] = [
            (
                &["tool", "run", "--formt", "x"],
                "\n\n  힌트: 비슷한 인수가 있습니다: '--format'",
            ),
            (
                &["tool", "run", "--bogus"],
                "예상하지 못한 인수입니다: '--bogus'",
            ),
            (&["tool", "rnu"], "알 수 없는 하위 명령입니다: 'rnu'"),
            (
                &["tool", "runn"],
                "\n\n  힌트: 비슷한 하위 명령이 있습니다: 'run'",
            ),
            (
                &["tool", "run", "--format", "xml"],
                "'--format <FORMAT>'에 쓸 수 없는 값입니다: 'xml'\n  [가능한 값: table, json]",
            ),
            (
                &["tool", "run", "--jobs"],
                "'--jobs <JOBS>'에 값이 필요한데 주어지지 않았습니다",
            ),
            (
                &["tool", "run", "--jobs", "abc"],
                "'--jobs <JOBS>'에 쓸 수 없는 값입니다: 'abc': 0 이상의 정수로 읽을 수 없습니다",
            ),
            (
                &["tool", "run", "--seconds", "5"],
                "'--seconds <SECONDS>'에 쓸 수 없는 값입니다: '5': 1 이상 2 이하여야 합니다",
            ),
            (
                &["tool", "grade"],
                "다음 필수 인수가 주어지지 않았습니다:\n  <FILE>",
            ),
            (
                &["tool", "run", "--jobs", "1", "--jobs", "2"],
                "'--jobs <JOBS>' 인수는 한 번만 쓸 수 있습니다",
            ),
        ];
        for (args, expected) in cases {
            let text = korean(args);
            assert!(text.starts_with("오류: "), "{args:?}: {text}");
            assert!(text.contains(expected), "{args:?}: {text}");
            assert!(
                text.ends_with("\n\n자세한 내용은 '--help --lang ko'를 보세요.\n"),
                "{args:?}: {text}"
            );
            for english in [
                "error:",
                "unexpected",
                "invalid value",
                "required",
                "tip:",
                "Usage:",
                "possible values",
                "cannot be used",
                "For more information",
            ] {
                assert!(!text.contains(english), "{args:?}: {english:?} in {text}");
            }
        }
        assert!(korean(&["tool", "grade"]).contains("\n\n사용법: tool grade <FILE>"));
    }

    /// A tip clap words freely: a value that looks like a flag, and a flag of a
    /// subcommand given before it.
    #[test]
    fn free_form_tips_are_said_in_korean() {
        assert_eq!(
            korean_tip("to pass '--x' as a value, use '-- --x'"),
            "'--x' 자체를 값으로 넘기려면 이렇게 쓰세요: '-- --x'"
        );
        assert_eq!(
            korean_tip("'run --format' exists"),
            "이 인수는 하위 명령 뒤에 씁니다: 'run --format'"
        );
        // Unknown words stay as clap wrote them.
        assert_eq!(korean_tip("something else"), "something else");
    }
}

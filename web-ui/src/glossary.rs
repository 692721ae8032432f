//! The glossary of the scheduler and virtualization terms that scenario descriptions use
//! (OVER, BOOST, PLE, steal time...): each term's spellings and its short definition in
//! both languages, and the splitter that finds the terms in a plain text, for the page to
//! mark them (see `components::glossary`).

use crate::i18n::Lang;

/// One glossary entry.
pub struct Term {
    /// A stable ASCII name (element ids, the browser tests).
    pub id: &'static str,
    /// The heading in the glossary list, Korean and English.
    pub name_ko: &'static str,
    pub name_en: &'static str,
    /// The spellings marked in a text, in either language's text, each matched as a whole
    /// word (see [`split`]). A spelling with a lowercase ASCII letter also matches with other
    /// ASCII case ("Steal", "P99"); one without (OVER, PLE, EPT) only as written.
    pub forms: &'static [&'static str],
    /// The definition, Korean and English: a few plain sentences (two to four).
    pub ko: &'static str,
    pub en: &'static str,
}

impl Term {
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.name_ko, self.name_en)
    }

    pub fn definition(&self, lang: Lang) -> &'static str {
        lang.pick(self.ko, self.en)
    }
}

/// A piece of a text split by [`split`]: plain text, or a glossary term as written there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// `term` indexes [`TERMS`].
    Term {
        text: &'a str,
        term: usize,
    },
}

impl<'a> Piece<'a> {
    /// The piece's text as written.
    pub fn text(&self) -> &'a str {
        match *self {
            Piece::Text(s) | Piece::Term { text: s, .. } => s,
        }
    }
}

/// A Latin letter or digit: a Latin spelling must not touch one, nor `_` or `-`, so that
/// "OVER" is not found in "OVERLOAD", nor "PLE" in "SAMPLE", nor "steal" in `steal_time`, nor
/// "hybrid" in the platform name 'hybrid-pv'.
fn latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// A Hangul syllable or letter.
fn hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Whether `form` stands at byte `at` of `text` as a whole word. A Latin start must follow
/// no Latin letter or digit, and a Latin end be followed by none; Korean particles come right
/// after a term ("PLE를", "섀도 페이지 테이블을"), so any letter may follow, but a Hangul
/// start must not follow Hangul (상한 is not a term in 이상한).
fn whole_word(text: &str, at: usize, form: &str) -> bool {
    let (Some(first), Some(last)) = (form.chars().next(), form.chars().next_back()) else {
        return false;
    };
    if let Some(before) = text[..at].chars().next_back() {
        if (latin_word(first) && latin_word(before)) || (hangul(first) && hangul(before)) {
            return false;
        }
    }
    if let Some(after) = text[at + form.len()..].chars().next() {
        if latin_word(last) && latin_word(after) {
            return false;
        }
    }
    true
}

/// Whether `text` has `form` at byte `at` (a char boundary), in the case the form allows.
fn form_at(text: &str, at: usize, form: &str) -> bool {
    let Some(bytes) = text.as_bytes().get(at..at + form.len()) else {
        return false;
    };
    // Equal bytes of a whole UTF-8 string from a char boundary end at a char boundary.
    let same = if form.bytes().any(|b| b.is_ascii_lowercase()) {
        bytes.eq_ignore_ascii_case(form.as_bytes())
    } else {
        bytes == form.as_bytes()
    };
    same && whole_word(text, at, form)
}

/// Splits `text` into plain pieces and glossary terms. Each term is marked where it first
/// appears (a later mention stays plain text, so that a long description is not a sea of
/// marks); where spellings overlap the longest wins ("EPT violation" over "EPT"). Joining
/// the pieces' texts gives `text` back.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    split_marking(text, &mut vec![false; TERMS.len()])
}

/// `text`'s paragraphs (parted by blank lines, each trimmed, the empty ones left out), each
/// split as [`split`] does, a term marked in the first paragraph that has it only.
pub fn paragraphs(text: &str) -> Vec<Vec<Piece<'_>>> {
    let mut marked = vec![false; TERMS.len()];
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        // A blank line: a newline, then only spaces or tabs up to the next newline.
        let blank = rest.match_indices('\n').find_map(|(i, _)| {
            let after = &rest[i + 1..];
            let next = after.find('\n')?;
            after[..next]
                .chars()
                .all(|c| c == ' ' || c == '\t' || c == '\r')
                .then_some((i, i + 1 + next + 1))
        });
        let (para, next) = match blank {
            Some((end, from)) => (&rest[..end], Some(&rest[from..])),
            None => (rest, None),
        };
        let para = para.trim();
        if !para.is_empty() {
            out.push(split_marking(para, &mut marked));
        }
        match next {
            Some(n) => rest = n,
            None => return out,
        }
    }
}

/// The terms marked in `text` (as [`paragraphs`] marks them: each once), indices of
/// [`TERMS`] in the order they first appear: the page's "Terms in this scenario".
pub fn terms_of(text: &str) -> Vec<usize> {
    paragraphs(text)
        .iter()
        .flatten()
        .filter_map(|p| match p {
            Piece::Term { term, .. } => Some(*term),
            Piece::Text(_) => None,
        })
        .collect()
}

/// Every spelling with its term, longest first ("EPT violation" before "EPT"), grouped by
/// the first byte of the spelling in lower case: only those can start at a given byte.
fn forms_by_first_byte() -> &'static [Vec<(&'static str, usize)>] {
    static FORMS: std::sync::OnceLock<Vec<Vec<(&'static str, usize)>>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms: Vec<(&'static str, usize)> = TERMS
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.forms.iter().map(move |f| (*f, i)))
            .collect();
        forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        let mut by_byte = vec![Vec::new(); 256];
        for (form, term) in forms {
            if let Some(&b) = form.as_bytes().first() {
                by_byte[usize::from(b.to_ascii_lowercase())].push((form, term));
            }
        }
        by_byte
    })
}

/// [`split`], leaving out the terms already `marked` and marking those it finds.
fn split_marking<'a>(text: &'a str, marked: &mut [bool]) -> Vec<Piece<'a>> {
    let forms = forms_by_first_byte();
    let mut pieces = Vec::new();
    let (mut plain_from, mut at) = (0, 0);
    let mut before: Option<char> = None;
    while let Some(c) = text[at..].chars().next() {
        // A quoted name ('weights', "credit") is the name of a platform or a setting, not
        // the term it may spell.
        if let Some(end) = quoted_at(text, at) {
            // Except a column of the command line's table ('vs native', 'hyp%'): the
            // quoted name is the term, marked inside its quotes.
            let open_len = c.len_utf8();
            let inner = &text
                [at + open_len..end - text[..end].chars().next_back().map_or(1, char::len_utf8)];
            let column = TERMS.iter().enumerate().find(|(_, t)| {
                CLI_COLUMNS.contains(&t.id) && t.forms.iter().any(|f| inner.eq_ignore_ascii_case(f))
            });
            if let Some((term, _)) = column.filter(|(i, _)| !marked[*i]) {
                let from = at + open_len;
                if plain_from < from {
                    pieces.push(Piece::Text(&text[plain_from..from]));
                }
                pieces.push(Piece::Term { text: inner, term });
                marked[term] = true;
                plain_from = from + inner.len();
            }
            before = text[..end].chars().next_back();
            at = end;
            continue;
        }
        // Inside a word no term starts (`whole_word`'s rule for a term's first letter,
        // which is this one): on to the next character.
        if before.is_some_and(|b| (latin_word(b) && latin_word(c)) || (hangul(b) && hangul(c))) {
            before = Some(c);
            at += c.len_utf8();
            continue;
        }
        // The longest spelling here, even of a term marked before: "PV" is not marked inside
        // a second "PV spinlocks", nor "credit" inside a second "credit scheduler".
        let key = usize::from(text.as_bytes()[at].to_ascii_lowercase());
        let found = forms[key].iter().find(|(f, _)| form_at(text, at, f));
        if let Some(&(form, _)) = found.filter(|(_, i)| marked[*i]) {
            at += form.len();
        } else if let Some(&(form, term)) = found {
            if plain_from < at {
                pieces.push(Piece::Text(&text[plain_from..at]));
            }
            pieces.push(Piece::Term {
                text: &text[at..at + form.len()],
                term,
            });
            marked[term] = true;
            at += form.len();
            plain_from = at;
        } else {
            at += c.len_utf8();
            before = Some(c);
            continue;
        }
        before = text[..at].chars().next_back();
    }
    if plain_from < text.len() {
        pieces.push(Piece::Text(&text[plain_from..]));
    }
    pieces
}

/// The glossary's entries for the columns of the command line's table, which descriptions
/// quote by those names ('vs native', 'hyp%'): marked inside their quotes too.
const CLI_COLUMNS: &[&str] = &[
    "vs-native",
    "kern-percent",
    "hyp-percent",
    "emu-percent",
    "host-percent",
    "exits-per-second",
];

/// Where a quoted name that opens at byte `at` ends (just after its closing quote): a quote
/// at the start of a word (text's start, a space or an opening bracket before it), its
/// closing one on the same line within 60 bytes and not followed by a Latin letter (the
/// apostrophe of "seed's" opens nothing; "'weights'는" is quoted).
fn quoted_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let open = rest.chars().next()?;
    let close = match open {
        '\'' => '\'',
        '"' => '"',
        '‘' => '’',
        '“' => '”',
        // Code (`host.disk.latency_us`): a setting's name, never a term.
        '`' => '`',
        _ => return None,
    };
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| !(c.is_whitespace() || c == '(' || c == '[')) {
        return None;
    }
    let inner = &rest[open.len_utf8()..];
    let end = inner
        .char_indices()
        .take_while(|&(i, c)| i < 60 && c != '\n')
        .filter(|&(_, c)| c == close)
        .map(|(i, _)| i)
        .find(|&i| {
            !inner[i + close.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
        })?;
    (end > 0).then(|| at + open.len_utf8() + end + close.len_utf8())
}

/// The glossary's entries, sorted by their names in `lang` (letter case aside).
pub fn sorted(lang: Lang) -> Vec<&'static Term> {
    let mut terms: Vec<&Term> = TERMS.iter().collect();
    terms.sort_by_cached_key(|t| t.name(lang).to_lowercase());
    terms
}

/// Every entry. The wording follows the column notes of the results table (i18n's
/// `table.*.note`) where they explain the same thing.
pub const TERMS: &[Term] = &[
    Term {
        id: "vcpu",
        name_ko: "vCPU (가상 CPU)",
        name_en: "vCPU (virtual CPU)",
        forms: &["vCPU", "vCPUs"],
        ko: "가상 CPU: 게스트가 보는 프로세서입니다. 운영체제가 스레드를 코어에서 돌리듯, 하이퍼바이저의 스케줄러가 각 vCPU를 물리 CPU(pCPU)에서 차례로 실행합니다.",
        en: "A virtual CPU: a processor as the guest sees it. The hypervisor's scheduler runs each vCPU on a physical CPU (pCPU) when it gives it one, as an operating system runs a thread on a core.",
    },
    Term {
        id: "pcpu",
        name_ko: "pCPU (물리 CPU)",
        name_en: "pCPU (physical CPU)",
        forms: &["pCPU", "pCPUs", "physical CPU", "physical CPUs", "물리 CPU"],
        ko: "호스트의 물리 CPU(코어 또는 하드웨어 스레드)로, 하이퍼바이저가 그 위에서 vCPU를 실행합니다. 실행할 준비가 된 vCPU가 pCPU보다 많으면 차례를 기다립니다.",
        en: "A physical CPU of the host (a core or a hardware thread), on which the hypervisor runs vCPUs. When more vCPUs are ready to run than there are pCPUs, they take turns.",
    },
    Term {
        id: "overcommit",
        name_ko: "오버커밋 (overcommit)",
        name_en: "overcommit",
        forms: &["overcommit", "overcommitted", "overcommitting", "오버커밋"],
        ko: "호스트에 있는 것보다 많은 vCPU(또는 메모리)를 VM들에 나눠 주는 것으로, 모두가 한꺼번에 바쁘지는 않다는 데 기댑니다. vCPU가 모두 바쁘면 pCPU를 차례로 기다립니다(스틸 타임: 게스트는 스틸 타임 보고가 있을 때만 봅니다). 메모리 오버커밋은 벌룬, KSM, 스와핑으로 메웁니다.",
        en: "Giving the VMs more vCPUs (or memory) in total than the host has, counting on them not all being busy at once. When the vCPUs all are busy, they take turns and wait for pCPUs (steal time, which a guest sees only with steal-time reporting); memory overcommit is met by ballooning, KSM or swapping.",
    },
    Term {
        id: "credit-scheduler",
        name_ko: "크레딧 스케줄러 (Xen credit1)",
        name_en: "credit scheduler (Xen credit1)",
        forms: &["credit scheduler", "credit1", "크레딧 스케줄러", "크레딧 유사 스케줄러"],
        ko: "Xen의 비례 배분 vCPU 스케줄러입니다(credit1, Xen 4.12 전까지의 기본값). 정산(30 ms마다) 때 도메인마다 가중치에 비례한 크레딧을 받고 실행하면서 그것을 쓰며, vCPU의 우선순위(BOOST, UNDER, OVER)가 다음에 실행할 vCPU를 정합니다. 기본 타임 슬라이스는 30 ms입니다.",
        en: "Xen's proportional-share vCPU scheduler (credit1, the default until Xen 4.12). At every accounting (every 30 ms) each domain earns credit in proportion to its weight and spends it as it runs, and a vCPU's priority (BOOST, UNDER, OVER) decides which runs next. Its default time slice is 30 ms.",
    },
    Term {
        id: "credit",
        name_ko: "크레딧 (credit)",
        name_en: "credit",
        forms: &["credit", "credits", "크레딧"],
        ko: "Xen 크레딧 스케줄러에서 vCPU가 쓸 수 있는 CPU 시간의 몫입니다. 정산(30 ms마다) 때 가중치에 비례해 새 크레딧이 나오고, vCPU가 실행한 시간만큼 줄어듭니다. 정산마다 크레딧이 음수가 아니면 UNDER, 음수면 OVER가 되어 다음 정산까지 유지됩니다.",
        en: "In Xen's credit scheduler, a vCPU's allowance of CPU time. Every accounting (every 30 ms) hands out new credit in proportion to weight, and the time the vCPU runs is taken off it. Each accounting makes it UNDER if its credit is not negative, OVER if it is, until the next accounting.",
    },
    Term {
        id: "under",
        name_ko: "UNDER",
        name_en: "UNDER",
        forms: &["UNDER"],
        ko: "크레딧 스케줄러의 우선순위: 마지막 정산 때 크레딧이 음수가 아니었던 vCPU입니다. UNDER vCPU는 OVER vCPU보다 먼저 실행되고, UNDER끼리는 기다리기 시작한 순서대로 실행됩니다.",
        en: "A credit-scheduler priority: the vCPU's credit was not negative at the last accounting. UNDER vCPUs run before OVER ones, and among themselves in the order they started waiting.",
    },
    Term {
        id: "over",
        name_ko: "OVER",
        name_en: "OVER",
        forms: &["OVER"],
        ko: "크레딧 스케줄러의 우선순위: 크레딧을 다 쓴 vCPU입니다. 정산이 크레딧을 다시 0 위로 올릴 때까지, 기다리는 BOOST나 UNDER vCPU가 없을 때만 실행됩니다.",
        en: "A credit-scheduler priority: the vCPU has spent its credit. Until an accounting brings its credit back above zero, it runs only when no BOOST or UNDER vCPU is waiting.",
    },
    Term {
        id: "boost",
        name_ko: "BOOST",
        name_en: "BOOST",
        forms: &["BOOST"],
        ko: "UNDER보다 높은 크레딧 스케줄러의 우선순위입니다. UNDER 상태로 깨어난 vCPU(예: I/O가 끝나서)는 BOOST를 받아 자기 pCPU의 더 낮은 우선순위 vCPU를 선점하므로(Xen 4.2부터는 그 vCPU가 1 ms 실행한 뒤, 이 모델에서는 곧바로) I/O 지연이 줄어듭니다. 스케줄러의 틱이 실행 중인 그 vCPU를 찾으면 다시 UNDER가 됩니다.",
        en: "A credit-scheduler priority above UNDER: a vCPU that wakes while UNDER (say, because its I/O completed) is boosted, so it preempts a lower-priority vCPU on its own pCPU (in Xen since 4.2 only once that vCPU has run 1 ms; at once in this model), which cuts I/O latency. When a scheduler tick finds it running, it is UNDER again.",
    },
    Term {
        id: "accounting",
        name_ko: "정산 (accounting)",
        name_en: "accounting",
        forms: &["accounting", "정산"],
        ko: "크레딧 스케줄러가 주기적으로 하는 계산입니다. Xen credit1은 30 ms마다 활성 목록의 vCPU(틱이 실행 중일 때 찾은 vCPU)에 가중치에 따라 새 크레딧을 나눠 주고 그 vCPU마다 우선순위(UNDER 또는 OVER)를 다시 정합니다. OVER가 된 vCPU는 다음 정산까지 기다릴 수 있습니다.",
        en: "The credit scheduler's periodic bookkeeping: every 30 ms Xen's credit1 hands out new credit by weight to the vCPUs on its active list (those a tick found running) and sets each one's priority (UNDER or OVER) again. A vCPU that went OVER may wait until the next accounting.",
    },
    Term {
        id: "tick",
        name_ko: "틱 (tick)",
        name_en: "tick",
        forms: &["tick", "ticks", "틱"],
        ko: "스케줄러의 주기적인 타이머 인터럽트입니다. Xen credit1은 10 ms마다(30 ms 슬라이스의 3분의 1) 틱을 두고 그때 실행 중인 vCPU의 크레딧을 깎고 BOOST를 끝내며, 그 vCPU를 다음 정산에서 크레딧을 받을 활성 목록에 넣습니다. 틱은 아무것도 선점하지 않습니다.",
        en: "A scheduler's periodic timer interrupt. Xen's credit1 ticks every 10 ms (a third of its 30 ms slice) and charges the running vCPU's credit then, ends its BOOST and puts it on the active list of the vCPUs that earn credit at the next accounting. A tick preempts nothing.",
    },
    Term {
        id: "timer-tick",
        name_ko: "타이머 틱 (게스트)",
        name_en: "timer tick (guest)",
        forms: &["timer tick", "timer ticks", "타이머 틱"],
        ko: "게스트 커널의 주기적인 타이머 인터럽트입니다(여기서는 초당 250번). 시간을 재고 게스트 스케줄러가 스레드를 바꿀 기회를 줍니다. VM에서는 하이퍼바이저를 거쳐 오며, 다음 틱을 위해 타이머를 다시 맞추는 데 exit가 들 수 있습니다(하드웨어 지원에서는 MSR 쓰기). 호스트 스케줄러의 10 ms 틱과는 다릅니다.",
        en: "The guest kernel's periodic timer interrupt (250 a second here), which keeps time and gives the guest's scheduler its chance to switch threads. In a VM it arrives through the hypervisor, and re-arming the timer for the next one may cost an exit (an MSR write under hardware assist). Not the host scheduler's 10 ms tick.",
    },
    Term {
        id: "time-slice",
        name_ko: "타임 슬라이스 (time slice)",
        name_en: "time slice",
        forms: &["time slice", "time slices", "slice", "slices", "타임 슬라이스", "슬라이스"],
        ko: "스케줄러가 기다리는 다른 vCPU(또는 스레드)로 바꾸기 전에 한 vCPU를 실행하게 두는 시간입니다. Xen credit1의 기본값은 30 ms이고, 시나리오마다 따로 정합니다('타임 슬라이스' 매개변수). 짧으면 전환은 잦아지고 기다림은 짧아집니다. CFS(완전 공정 스케줄러)에서는 실행 가능한 엔티티들이 나눠 갖는 목표 지연이며, 각각이 받는 최소 시간은 코어 1개에서 0.75 ms, 2개에서 1.5 ms, 4개에서 2.25 ms, 8개 이상에서 3 ms입니다(Linux CFS의 최소값으로, 코어 수에 따라 늘어납니다).",
        en: "How long the scheduler lets a vCPU (or thread) run before it may switch to another one that waits. Xen's credit1 uses 30 ms by default; each scenario sets its own (the 'Time slice' parameter). A shorter slice means more switches and shorter waits. Under the fair-share scheduler it is the target latency, shared among the runnable entities, each getting at least 0.75 ms on 1 core, 1.5 ms on 2, 2.25 ms on 4 and 3 ms on 8 or more (Linux CFS's minimum, which grows with the core count).",
    },
    Term {
        id: "weight",
        name_ko: "가중치 (weight)",
        name_en: "weight",
        forms: &["weight", "credit weight", "가중치", "credit 가중치"],
        ko: "여럿이 CPU를 원할 때의 상대적인 몫입니다. Xen의 기본 가중치는 256이어서, 바쁜 vCPU 수가 같다면 512인 도메인은 256인 도메인의 두 배를 받습니다. Xen credit1은 도메인의 가중치를 활성 vCPU마다 한 번씩 세고, cgroup(컨테이너)은 모든 태스크에 가중치 하나를 둡니다.",
        en: "A relative share of the CPU when several want it. Xen's default weight is 256: with as many busy vCPUs, a domain of weight 512 gets twice the CPU of one of 256. Xen's credit1 counts a domain's weight once per active vCPU; a cgroup (a container) has one weight for all its tasks.",
    },
    Term {
        id: "cap",
        name_ko: "상한 (cap)",
        name_en: "cap",
        forms: &["cap", "caps", "credit cap", "상한", "credit 상한"],
        ko: "호스트에 노는 CPU가 있어도 VM이 쓸 수 있는 CPU의 상한으로, pCPU 하나에 대한 백분율입니다(Xen: cap 50 = pCPU 절반, 0 = 상한 없음). 이 시뮬레이터는 vCPU(또는 컨테이너 CPU 슬롯)마다 따로, 주기(credit 30 ms, CFS 100 ms)마다 상한을 적용합니다: cap 50인 vCPU 4개 VM은 모두 합쳐 pCPU 두 개까지 쓰며, Xen이라면 모두 합쳐 pCPU 절반입니다. 몫을 다 쓴 vCPU는 기다리고, 그 시간은 스틸로 셉니다.",
        en: "A limit on the CPU a VM may use even when the host has CPU to spare, in percent of one pCPU (Xen: cap 50 is half a pCPU, 0 no cap). This simulator caps each vCPU (or container CPU slot) separately, per period (30 ms under credit, 100 ms under fair share): a 4-vCPU VM with cap 50 may use two pCPUs in all, where Xen would allow half a pCPU in total. A vCPU that has used its share waits, and that wait counts as steal.",
    },
    Term {
        id: "quota",
        name_ko: "할당량 (CPU quota)",
        name_en: "quota (CPU quota)",
        forms: &["quota", "quotas", "할당량"],
        ko: "cgroup의 CPU 제한입니다(cgroup v2의 cpu.max): 주기(기본 100 ms)마다 정해진 실행 시간까지만 씁니다. 컨테이너의 태스크들이 그것을 다 쓰면 다음 주기까지 멈추므로(스로틀링) CPU를 몰아서 받습니다.",
        en: "A cgroup's CPU limit (cpu.max in cgroup v2): at most so much run time per period (100 ms by default). Once a container's tasks have used it up they are throttled until the next period, so the CPU comes in bursts.",
    },
    Term {
        id: "steal",
        name_ko: "스틸 타임 (steal time)",
        name_en: "steal time",
        forms: &["steal time", "steal", "스틸 타임", "스틸"],
        ko: "실행할 준비가 된 vCPU가, pCPU가 다른 vCPU를 실행하고 있거나 상한에 걸려서 기다린 시간입니다. 반가상화 스틸 타임 보고가 있는 게스트는 top의 'st'로 봅니다. 표의 '스틸·대기' 열은 컨테이너와 네이티브에서는 스레드가 실행 큐에서 기다린 시간입니다.",
        en: "Time a runnable vCPU waited because its pCPU was running another vCPU, or because of a cap. A guest with paravirtual steal-time reporting sees it as 'st' in top. The table's Steal / wait column counts, for containers and native, their threads' wait in the run queue.",
    },
    Term {
        id: "run-queue",
        name_ko: "실행 큐 (run queue)",
        name_en: "run queue",
        forms: &["run queue", "run queues", "runqueue", "실행 큐"],
        ko: "CPU를 기다리는 실행 가능한 vCPU나 스레드의 목록으로, 우선순위 순입니다. 여기서 보낸 시간이 vCPU에게는 스틸, 스레드에게는 대기입니다.",
        en: "A scheduler's list of the runnable vCPUs or threads that wait for a CPU, in priority order. Time spent in it is steal for a vCPU, wait for a thread.",
    },
    Term {
        id: "pinning",
        name_ko: "고정 (pinning)",
        name_en: "pinning",
        forms: &["pinning", "pinned", "pins"],
        ko: "vCPU가 정해진 pCPU에서만 실행되도록 묶는 것(CPU 친화도)입니다. 잘못 고정하면 고정된 vCPU들이 고정된 몇 개의 pCPU를 차례로 기다리는 동안 다른 pCPU는 놉니다.",
        en: "Restricting a vCPU to given pCPUs (CPU affinity). Bad pinning leaves pCPUs idle while the pinned vCPUs take turns on the few pCPUs they are pinned to.",
    },
    Term {
        id: "cfs",
        name_ko: "완전 공정 스케줄러 (CFS)",
        name_en: "fair-share scheduler (CFS)",
        forms: &["CFS", "fair-share scheduler", "fair scheduler", "완전 공정 스케줄러", "공정 공유 스케줄러"],
        ko: "리눅스의 Completely Fair Scheduler(완전 공정 스케줄러)입니다(리눅스 6.6 전까지의 기본값, 그 뒤는 EEVDF). 가중치에 비해 CPU를 가장 적게 받은(가상 실행 시간이 가장 작은) 태스크를 실행하고, 깨어난 태스크는 작은 깨우기 단위보다 더 뒤처져 있으면 실행 중인 태스크를 선점합니다. KVM의 vCPU와 컨테이너의 태스크가 이 스케줄러로 실행됩니다.",
        en: "Linux's Completely Fair Scheduler (the default until Linux 6.6, then EEVDF): it runs the task that has had the least CPU for its weight (the least virtual runtime), and a woken task preempts the running one if it is behind by more than a small wake-up granularity. KVM's vCPUs and containers' tasks run under it.",
    },
    Term {
        id: "round-robin",
        name_ko: "라운드 로빈 (round robin)",
        name_en: "round robin",
        forms: &["round robin", "round-robin", "라운드 로빈"],
        ko: "기다리는 vCPU를 우선순위 없이 차례로, 각각 정해진 시간(퀀텀)만큼 실행하는 스케줄링 방식입니다. 깨어난 vCPU는 실행 중인 vCPU의 퀀텀이 끝날 때까지 기다립니다.",
        en: "A scheduling policy that runs the waiting vCPUs in turn, each for a fixed quantum, with no priorities: a woken vCPU waits until the running one's quantum ends.",
    },
    Term {
        id: "rate-limit",
        name_ko: "스케줄러 레이트 리밋 (rate limit)",
        name_en: "scheduler rate limit",
        forms: &["rate limit", "sched_ratelimit_us"],
        ko: "Xen 4.2부터 막 실행을 시작한 vCPU는, 깨어난 vCPU에게 선점되기 전에 최소 시간(sched_ratelimit_us, 기본 1 ms) 동안 pCPU를 지킵니다. 너무 잦은 전환을 막기 위한 것입니다. 이 시뮬레이터의 모델에는 레이트 리밋이 없습니다.",
        en: "Since Xen 4.2 a vCPU that has just started running keeps its pCPU for a minimum time (sched_ratelimit_us, 1 ms by default) before a woken vCPU may preempt it, to limit switching. This simulator's model has no rate limit.",
    },
    Term {
        id: "vm-exit",
        name_ko: "VM exit",
        name_en: "VM exit",
        forms: &["VM exit", "VM exits", "VM-exit", "VM-exits"],
        ko: "게스트가 하이퍼바이저가 처리해야 할 일(장치 레지스터 접근, 특권 명령, EPT 위반, HLT, PAUSE 루프 등)을 해서 CPU가 게스트를 떠나 하이퍼바이저로 들어가는 것입니다. 하이퍼바이저가 처리한 뒤 VM entry(진입)로 돌아가며, 왕복에 수백~수천 사이클이 듭니다('VM exit 왕복 비용' 매개변수). 표의 마지막 열은 초당 exit와 하이퍼콜 수입니다.",
        en: "The CPU leaving the guest for the hypervisor because the guest did something the hypervisor must handle (a device register access, a privileged instruction, an EPT violation, HLT, a PAUSE loop...). The hypervisor handles it and returns with a VM entry; the round trip costs hundreds to thousands of cycles (the 'VM exit round trip' parameter). The table's last column counts exits and hypercalls per second.",
    },
    Term {
        id: "world-switch",
        name_ko: "월드 스위치 (world switch)",
        name_en: "world switch",
        forms: &["world switch", "world switches", "월드 스위치"],
        ko: "고전적인 Type 2 하이퍼바이저(VMware Workstation의 vmmon, 바이너리 변환을 하던 VirtualBox의 raw mode: 이 시뮬레이터의 Type 2 기본 설계, `hosted_design = \"world_switch\"`)에서 게스트의 세계와 호스트 OS의 세계 사이에 CPU 상태 전체를 바꾸는 것(월드 스위치)으로, 호스트의 드라이버가 게스트의 I/O를 하게 하려는 것입니다. VM exit보다 비싸며(비용은 추정값, `hosted_world_switch`), 이 페이지는 ‘호스트 OS·엔진 %’ 열에 셉니다. ring-0 부분이 호스트 커널 모듈인 Type 2(VT-x/AMD-V를 쓰는 VirtualBox, KVM 위의 QEMU 같은 설계: `hosted_design = \"host_module\"`)는 월드 스위치 없이 exit가 호스트 커널로 가고, 장치 모델이 필요하면 거기서 VMM 프로세스로 갑니다(hosted-designs가 두 설계를 비교합니다).",
        en: "Under a classic type 2 hypervisor (VMware Workstation's vmmon, VirtualBox's raw mode that translated binaries: this simulator's default type-2 design, `hosted_design = \"world_switch\"`), switching the whole CPU state between the guest's world and the host OS's, so that the host's own drivers can do the guest's I/O. It costs more than a VM exit (an estimate, `hosted_world_switch`); the page counts it under 'Host OS / engine %'. A type 2 whose ring-0 part is a host kernel module (VirtualBox with VT-x/AMD-V, QEMU on KVM: `hosted_design = \"host_module\"`) has none: an exit goes into the host kernel and, when the device model is needed, from there to its VMM process (hosted-designs compares the two designs).",
    },
    Term {
        id: "hypercall",
        name_ko: "하이퍼콜 (hypercall)",
        name_en: "hypercall",
        forms: &["hypercall", "hypercalls", "하이퍼콜"],
        ko: "게스트 커널이 하이퍼바이저를 부르는 호출로, 프로그램이 커널을 부르는 시스템 콜과 같습니다(하드웨어 지원 게스트는 VMCALL/VMMCALL 명령, 고전적인 Xen PV 게스트는 하이퍼콜 페이지를 거쳐 Xen으로 트랩). 반가상화 게스트는 트랩될 특권 명령 대신 하이퍼콜을 씁니다.",
        en: "A call from the guest kernel into the hypervisor, as a system call is a call from a program into the kernel (VMCALL/VMMCALL in a hardware-assisted guest; a classic Xen PV guest traps into Xen through its hypercall page). Paravirtual guests use hypercalls instead of privileged instructions that would trap.",
    },
    Term {
        id: "hlt",
        name_ko: "HLT",
        name_en: "HLT",
        forms: &["hlt"],
        ko: "할 일이 없는 CPU가 인터럽트를 기다리며 실행하는 명령입니다. 하드웨어 지원에서는 VM exit를 일으키고(PV 게스트는 대신 하이퍼콜을 합니다), 하이퍼바이저는 그 vCPU를 인터럽트가 올 때까지 pCPU에서 내려놓습니다.",
        en: "The instruction an idle CPU executes to wait for an interrupt. Under hardware assist it causes a VM exit (a PV guest makes a hypercall instead), and the hypervisor takes the vCPU off its pCPU until an interrupt for it arrives.",
    },
    Term {
        id: "ple",
        name_ko: "PLE (PAUSE 루프 exit)",
        name_en: "PLE (pause-loop exiting)",
        forms: &["PLE", "pause-loop exiting", "pause-loop exit", "pause-loop exits", "PAUSE 루프 exit"],
        ko: "Intel의 pause-loop exiting입니다(AMD는 pause filter). 락을 기다리는 vCPU처럼 PAUSE 명령 루프를 창(KVM의 기본값이자 여기서 쓰는 4096 사이클)보다 오래 돌면 CPU가 VM exit를 일으켜, 하이퍼바이저가 다른 vCPU(가능하면 선점된 락 보유자)를 실행할 수 있게 합니다. KVM은 exit마다 창을 두 배로 늘리고, vCPU가 다시 스케줄되면 되돌립니다. Xen credit1은 대상 없이 pCPU를 양보하고, KVM은 같은 VM의 선점된 vCPU에게 양보합니다.",
        en: "Intel's pause-loop exiting (AMD's pause filter): when a vCPU spins in a loop of PAUSE instructions, as a lock waiter does, for longer than a window (4096 cycles here, KVM's default), the CPU forces a VM exit so that the hypervisor can run another vCPU, ideally the preempted lock holder. KVM doubles the window after each such exit until the vCPU is next scheduled in. Xen's credit1 yields the pCPU with no target; KVM yields to a preempted vCPU of the same VM.",
    },
    Term {
        id: "spinlock",
        name_ko: "스핀락 (spinlock)",
        name_en: "spinlock",
        forms: &["spinlock", "spinlocks", "스핀락"],
        ko: "기다리는 CPU가 보유자가 풀 때까지 (보통 PAUSE를 넣은) 바쁜 루프로 도는 락입니다. 보유자가 실행 중이고 몇 마이크로초면 끝날 때는 싸지만, VM에서는 보유자의 vCPU가 pCPU에서 내려놓일 수 있어 기다리는 쪽이 슬라이스를 돌며 날립니다.",
        en: "A lock that a waiting CPU spins on (a busy loop, usually with PAUSE) until the holder releases it. Cheap while the holder runs and is done in microseconds; in a VM the holder's vCPU may be taken off its pCPU, and the waiters spin away their slices.",
    },
    Term {
        id: "pv-spinlock",
        name_ko: "PV 스핀락",
        name_en: "PV spinlock",
        forms: &["PV spinlock", "PV spinlocks", "PV 스핀락"],
        ko: "반가상화 스핀락: 한동안(여기서는 약 110 µs, PAUSE가 느린 Skylake 호스트에서는 약 1.5 ms) 돈 뒤 기다리는 쪽은 더 돌지 않고 vCPU를 정지(halt)시키고, 락을 푸는 쪽이 하이퍼콜로 깨웁니다(kick). 선점된 보유자를 기다리며 pCPU 시간을 태우지 않습니다.",
        en: "A paravirtual spinlock: after spinning a while (about 110 µs here, or 1.5 ms on a Skylake host, whose PAUSE is slower) the waiter halts its vCPU instead of spinning on, and the releaser wakes it with a hypercall (a kick), so no pCPU time burns while a preempted holder waits.",
    },
    Term {
        id: "lock-holder-preemption",
        name_ko: "락 보유자 선점 (lock-holder preemption)",
        name_en: "lock-holder preemption",
        forms: &["lock-holder preemption", "lock holder preemption", "락 보유자 선점"],
        ko: "vCPU가 게스트 스핀락을 쥔 채 하이퍼바이저에게 선점되는 것입니다. 게스트는 이를 알 수 없고, 다른 vCPU들은 보유자가 다시 실행될 때까지 슬라이스 내내 락을 돌며 기다립니다. PLE와 PV 스핀락이 대책입니다.",
        en: "The hypervisor preempting a vCPU while it holds a guest spinlock: the guest cannot know, and its other vCPUs spin on the lock for their whole slices until the holder runs again. PLE and PV spinlocks are the remedies.",
    },
    Term {
        id: "ipi",
        name_ko: "IPI (프로세서 간 인터럽트)",
        name_en: "IPI (inter-processor interrupt)",
        forms: &["IPI", "IPIs", "프로세서 간 인터럽트"],
        ko: "한 CPU가 다른 CPU에 보내는 인터럽트로, 예를 들어 TLB를 비우라고 요청합니다. VM에서는 보내는 것이 대개 VM exit이고, 실행 중이 아닌 대상 vCPU는 다시 실행될 때에야 응답합니다.",
        en: "An interrupt one CPU sends to another, e.g. to ask it to flush its TLB. In a VM, sending one is usually a VM exit, and a target vCPU that is not running answers only once it runs again.",
    },
    Term {
        id: "tlb",
        name_ko: "TLB",
        name_en: "TLB",
        forms: &["TLB", "TLBs"],
        ko: "변환 색인 버퍼: CPU가 최근의 가상→물리 주소 변환을 담아 두는 캐시입니다. 미스가 나면 CPU가 페이지 테이블을 탐색하는데, 중첩 페이징에서는 메모리를 4번이 아니라 최대 24번 읽는 2차원 탐색이 됩니다.",
        en: "Translation lookaside buffer: the CPU's cache of recent virtual-to-physical address translations. A miss makes the CPU walk the page tables, which under nested paging is a two-dimensional walk of up to 24 memory reads instead of 4.",
    },
    Term {
        id: "tlb-shootdown",
        name_ko: "TLB 슛다운 (TLB shootdown)",
        name_en: "TLB shootdown",
        forms: &["TLB shootdown", "TLB shootdowns", "TLB 슛다운", "shootdown", "shootdowns", "슛다운"],
        ko: "한 CPU가 다른 CPU들이 캐시했을 수 있는 매핑을 바꾸면, 그들에게 IPI를 보내 TLB를 비우게 하고 모두 끝낼 때까지 기다립니다. VM에서는 실행 중이 아닌 대상 vCPU가 보내는 쪽을 붙잡아 둡니다. 반가상화 TLB flush에서는 보내는 쪽이 그런 vCPU를 건너뛰고, 그 vCPU는 다시 실행될 때 TLB를 비웁니다.",
        en: "When a CPU changes a mapping other CPUs may have cached, it sends them IPIs to flush their TLBs and waits until all have. In a VM a target vCPU that is not running holds the sender up; with paravirtual TLB flush the sender skips such a vCPU, whose TLB is flushed when it runs again.",
    },
    Term {
        id: "shadow-page-table",
        name_ko: "섀도 페이지 테이블 (shadow page table)",
        name_en: "shadow page table",
        forms: &[
            "shadow page table",
            "shadow page tables",
            "shadow paging",
            "shadow tables",
            "섀도 페이지 테이블",
            "섀도 테이블",
        ],
        ko: "중첩 페이징이 없을 때 수정하지 않은 게스트를 위해 MMU가 실제로 탐색하는 페이지 테이블로, 하이퍼바이저가 게스트의 가상 주소를 호스트 물리 주소로 바로 잇도록 만듭니다. 이를 맞춰 두려고 게스트의 페이지 테이블 쓰기와 일부 페이지 폴트(게스트는 보지 못하는 '숨은' 폴트)를 잡아야 하며, 하나하나가 하이퍼바이저로 가는 비싼 왕복입니다. 반가상화 게스트에는 섀도가 없습니다: 자기 테이블을 그대로 쓰고, 하이퍼바이저가 하이퍼콜로 들어온 갱신을 검증합니다.",
        en: "For an unmodified guest without nested paging, the page table the MMU really walks, which the hypervisor builds to map the guest's virtual addresses straight to host-physical ones. To keep it in step it must trap the guest's page-table writes and some page faults ('hidden' faults the guest never sees), each a costly trip into the hypervisor. A paravirtual guest has none: its own tables are used directly, and the hypervisor validates its updates, made by hypercalls.",
    },
    Term {
        id: "nested-paging",
        name_ko: "중첩 페이징 (EPT/NPT)",
        name_en: "nested paging (EPT/NPT)",
        forms: &["nested paging", "EPT", "NPT", "RVI", "중첩 페이징"],
        ko: "하드웨어의 2단계 주소 변환입니다(Intel EPT, AMD NPT/RVI). 게스트의 페이지 테이블이 가상 주소를 게스트 물리 주소로, 하이퍼바이저의 테이블이 그것을 호스트 물리 메모리로 변환합니다. 게스트는 exit 없이 자기 페이지 테이블을 고치지만, TLB 미스는 더 긴 2차원 탐색이 됩니다.",
        en: "Hardware two-level address translation (Intel EPT, AMD NPT/RVI): the guest's own page tables map its virtual addresses to guest-physical ones, and the hypervisor's tables map those to host-physical memory. The guest edits its page tables without exits, but a TLB miss costs a longer, two-dimensional walk.",
    },
    Term {
        id: "ept-violation",
        name_ko: "EPT 위반 (EPT violation)",
        name_en: "EPT violation",
        forms: &[
            "EPT violation",
            "EPT violations",
            "EPT 위반",
            "nested page fault",
            "nested page faults",
            "#NPF",
            "중첩 페이지 폴트",
        ],
        ko: "게스트가 중첩 페이지 테이블에 매핑이 없는 게스트 물리 메모리를 건드리거나 읽기 전용으로 매핑된 메모리에 쓸 때 일어나는 VM exit입니다. 하이퍼바이저가 매핑을 채우거나 고친 뒤(예: 페이지를 처음 건드릴 때) 게스트를 재개합니다. PML이 없으면 라이브 마이그레이션의 더티 로깅도 이렇게 쓰기를 잡고, PML이 있으면 CPU가 기록하다 512개마다 exit합니다. AMD-V에서는 같은 exit를 중첩 페이지 폴트(#NPF, exit 코드 0x400)라고 부릅니다.",
        en: "A VM exit taken when the guest touches guest-physical memory that the nested page tables do not map, or writes memory they map read-only: the hypervisor fills in or fixes the mapping (say, at a page's first touch) and resumes the guest. Without PML, live migration's dirty logging catches writes this way; with PML the CPU logs them and exits once per 512. On AMD-V the same exit is a nested page fault (#NPF, exit code 0x400).",
    },
    Term {
        id: "binary-translation",
        name_ko: "바이너리 변환 (binary translation)",
        name_en: "binary translation",
        forms: &["binary translation", "바이너리 변환"],
        ko: "CPU에 가상화 지원이 생기기 전 VMware가 수정하지 않은 게스트를 돌린 방법입니다. 하이퍼바이저가 게스트 커널의 코드를 블록 단위로 변환해 민감한 명령을 안전한 명령열로 바꾸고, 변환한 코드를 캐시에 둡니다. 사용자 코드는 그대로 실행됩니다.",
        en: "How VMware ran unmodified guests before CPUs had virtualization support: the hypervisor translates the guest kernel's code block by block, replacing sensitive instructions with safe sequences, and keeps the translations in a cache; user code runs directly.",
    },
    Term {
        id: "full-virtualization",
        name_ko: "전가상화 (full virtualization)",
        name_en: "full virtualization",
        forms: &["full virtualization", "fully virtualized", "전가상화"],
        ko: "진짜 하드웨어 위에 있다고 믿는 수정하지 않은 게스트 OS를 바이너리 변환이나 하드웨어 지원으로 실행하는 것입니다. 장치는 보통 에뮬레이션 장치입니다. 반가상화 드라이버만 설치하면(이 페이지의 io = \"paravirtual\") I/O 경로는 반가상화가 되고 CPU는 전가상화 그대로입니다. 개요 문서가 말하는 하이브리드 가상화(게스트의 일부, 곧 드라이버만 수정)이며, 이 페이지의 technique = \"hybrid\"는 CPU 쪽 반가상화 enlightenment까지 더합니다.",
        en: "Running an unmodified guest OS, which believes it has real hardware, by binary translation or hardware assist, usually with emulated devices. Given paravirtual drivers only (io = \"paravirtual\" on this page), its I/O path is paravirtual while its CPU stays fully virtualized: hybrid virtualization in the course document's sense (a guest modified in part, its drivers); technique = \"hybrid\" on this page also adds the CPU side's paravirtual enlightenments.",
    },
    Term {
        id: "hardware-assist",
        name_ko: "하드웨어 지원 가상화 (VT-x/AMD-V)",
        name_en: "hardware-assisted virtualization (VT-x/AMD-V)",
        forms: &["hardware assist", "hardware-assisted", "VT-x", "AMD-V", "하드웨어 지원"],
        ko: "게스트를 직접 실행하기 위한 CPU 기능입니다(Intel VT-x, AMD-V). 게스트 커널은 자기만의 게스트 모드에서 실행되고, 하이퍼바이저가 처리해야 할 일은 VM exit를 일으킵니다. 초기 세대는 exit가 잦고 비쌌고, 이후 세대는 exit 비용을 줄이고 중첩 페이징을 더했습니다.",
        en: "CPU support for running a guest directly (Intel VT-x, AMD-V): the guest kernel runs in a guest mode of its own, and whatever the hypervisor must handle causes a VM exit. Early generations exited often and expensively; later ones cut the cost of an exit and added nested paging.",
    },
    Term {
        id: "paravirtualization",
        name_ko: "반가상화 (paravirtualization, PV)",
        name_en: "paravirtualization (PV)",
        forms: &[
            "paravirtualization",
            "paravirtualized",
            "paravirtual",
            "para-virtualized",
            "PV",
            "반가상화",
        ],
        ko: "게스트가 VM 안에서 실행됨을 알도록 고치는 것입니다. 커널은 트랩 대신 하이퍼콜로 하이퍼바이저를 부르고, 반가상화 드라이버(Xen netfront/blkfront, virtio)는 장치 레지스터 접근마다 exit하는 대신 공유 메모리의 링으로 요청을 백엔드에 넘기고 한 묶음에 알림 하나를 보냅니다.",
        en: "Changing the guest so that it knows it runs in a VM: its kernel calls the hypervisor by hypercalls instead of trapping, and its paravirtual drivers (Xen netfront/blkfront, virtio) pass requests to a back end through rings in shared memory, with one notification per batch instead of an exit per device register access.",
    },
    Term {
        id: "virtio",
        name_ko: "virtio",
        name_en: "virtio",
        forms: &["virtio"],
        ko: "KVM과 QEMU의 표준 반가상화 장치 인터페이스입니다(네트워크, 디스크 등). 게스트 드라이버와 백엔드(QEMU 또는 호스트 커널의 vhost 스레드)가 메모리의 요청 큐를 함께 씁니다.",
        en: "The standard paravirtual device interface of KVM and QEMU (network, disk...): the guest driver and the back end (QEMU, or a vhost thread in the host kernel) share queues of requests in memory.",
    },
    Term {
        id: "hybrid",
        name_ko: "하이브리드 (hybrid)",
        name_en: "hybrid",
        forms: &["hybrid", "하이브리드"],
        ko: "하드웨어 지원으로 CPU와 메모리를 가상화하고 I/O는 반가상화 드라이버로 하는 게스트입니다(Xen PVHVM, virtio를 쓰는 KVM 게스트 같은). 오늘날 흔한 구성입니다. 이 페이지의 technique = \"hybrid\"는 반가상화 기능(enlightenment)도 씁니다. 드라이버만 쓰는 플랫폼은 '전가상화 (하드웨어 지원) · 반가상화 I/O'로 표시됩니다.",
        en: "A guest whose CPU and memory are virtualized by hardware assist and whose I/O goes through paravirtual drivers (like Xen PVHVM, or a KVM guest with virtio): today's usual setup. On this page, technique = \"hybrid\" also uses enlightenments; a platform with the drivers only is shown as 'full virtualization (hardware assist) · paravirtual I/O'.",
    },
    Term {
        id: "enlightenment",
        name_ko: "인라이튼먼트(enlightenment: VM 안임을 아는 게스트 커널이 쓰는 반가상화 기능)",
        name_en: "enlightenment",
        forms: &["enlightenment", "enlightenments", "인라이튼먼트"],
        ko: "수정하지 않은 게스트 커널이라도 VM 안에 있음을 알아채면 쓰는 반가상화 기능입니다(Hyper-V의 용어). 예: 스틸 타임 보고, PV 스핀락, PV TLB flush, PV EOI.",
        en: "A paravirtual feature that an otherwise unmodified guest kernel uses once it sees it runs in a VM (the term is Hyper-V's): e.g. steal-time reporting, PV spinlocks, PV TLB flush, PV EOI.",
    },
    Term {
        id: "device-model",
        name_ko: "장치 모델 (에뮬레이션 장치)",
        name_en: "device model (emulated device)",
        forms: &[
            "device model",
            "device models",
            "emulated device",
            "emulated devices",
            "장치 모델",
            "에뮬레이션 장치",
        ],
        ko: "수정하지 않은 게스트 드라이버를 위해 실제 하드웨어(IDE 디스크, e1000 네트워크 카드 등)를 레지스터 단위로 흉내 내는 소프트웨어입니다. 레지스터 접근마다 트랩(하드웨어 지원에서는 VM exit)이 일어나고, 장치 모델이 처리합니다: VMM 안(ESXi, 그리고 이 페이지의 Type 1), 드라이버 도메인이나 dom0(Xen), 또는 QEMU 같은 호스트 프로세스(KVM과 Type 2 하이퍼바이저)에서.",
        en: "Software that imitates a real piece of hardware (an IDE disk, an e1000 network card...) register by register, for an unmodified guest driver: each register access is a trap (a VM exit under hardware assist) handled by the device model: in the VMM (ESXi, and this page's type 1), in a driver domain or dom0 (Xen), or in a host process such as QEMU (KVM and type 2 hypervisors).",
    },
    Term {
        id: "dom0",
        name_ko: "dom0 (드라이버 도메인)",
        name_en: "dom0 (driver domain)",
        forms: &["dom0", "driver domain", "driver domains", "드라이버 도메인"],
        ko: "Xen의 첫 번째 특권 도메인으로, 실제 장치 드라이버를 가지고 다른 도메인의 반가상화 장치 백엔드를 실행합니다(이 일을 하는 도메인이 드라이버 도메인입니다). 다른 도메인처럼 스케줄되므로, 바쁜 호스트에서는 모두의 I/O가 dom0를 기다릴 수 있습니다. 이 페이지의 반가상화(para) Type 1 플랫폼은 따로 정하지 않으면 백엔드를 dom0에서 실행합니다. dom0(리눅스)가 고장 나면 Xen은 기본적으로 머신 전체를 재시작하므로 모든 게스트가 멈춥니다(host_os_crash).",
        en: "Xen's first, privileged domain, which holds the real device drivers and runs the back ends of the other domains' paravirtual devices (a domain that does this is a driver domain). It is scheduled like any other domain, so on a busy host everyone's I/O can wait for it. This page's paravirtualized (para) type-1 platforms run their back ends in dom0 unless they say otherwise. When dom0 (a Linux) crashes, Xen restarts the whole machine by default, so every guest stops (a host_os_crash).",
    },
    Term {
        id: "reference",
        name_ko: "참고 자료 (측정값 모음)",
        name_en: "the reference",
        forms: &["the reference", "reference sec", "참고 자료"],
        ko: "이 시뮬레이터의 기본 비용이 나온, 발표된 연산별 측정값 모음입니다: Adams와 Agesen(ASPLOS 2006)의 바이너리 변환과 하드웨어 지원 비교, Agesen 외(USENIX ATC 2012)의 CPU 세대별 VM exit 비용, Bhargava 외(ASPLOS 2008)의 2차원 페이지 워크, Firecracker의 명세, Barham 외(SOSP 2003)의 Xen, Microsoft의 RDP 대역폭 문서(5절, 원격 화면), Felter 외(2014)의 네트워크 처리, Li 외(2007)의 문맥 전환, Linux와 Xen의 문서. 소스 코드의 docs/reference/virtualization-costs.md에 있고, 기본값마다의 출처는 docs/cost-model.md에 있습니다. 영어로 된 비용 출처에는 ‘the reference’로 나옵니다.",
        en: "The collection of published per-operation measurements this simulator's default costs come from: Adams and Agesen (ASPLOS 2006) comparing binary translation with hardware assist, Agesen et al. (USENIX ATC 2012) on VM exit costs by CPU generation, Bhargava et al. (ASPLOS 2008) on two-dimensional page walks, Firecracker's specification, Barham et al. (SOSP 2003) on Xen, Microsoft's RDP bandwidth documents (section 5, remote display), Felter et al. (2014) on network processing, Li et al. (2007) on context switches, and the Linux and Xen documentation. It is docs/reference/virtualization-costs.md in the source code; each default's source is in docs/cost-model.md.",
    },
    Term {
        id: "vs-native",
        name_ko: "vs native (명령줄 표)",
        name_en: "vs native (command-line table)",
        forms: &["vs native", "네이티브 대비"],
        ko: "명령줄 표의 열 이름으로, 페이지의 ‘네이티브 대비 성능’ 열입니다: 같은 인스턴스가 같은 호스트에서 네이티브로 한 일에 대한 이 플랫폼의 일의 백분율입니다(100% = 가상화 비용 없음). 네이티브 기준 실행도 같은 오버커밋, 상한, 스케줄링을 쓰므로 가상화 자체의 비용만 남습니다. 데스크톱(VDI) 플랫폼에서는 화면 갱신 중 실제로 본 비율(‘갱신’)이라 늦게 온 갱신도 셉니다: 사용자가 느끼는 것은 그 앞에 나오는 입력-화면 지연입니다.",
        en: "The command line's name for the page's Relative to native column: the work a platform's instances did as a percentage of what the same instances did natively on the same host (100% = no cost of virtualization). The native baseline has the same overcommit, caps and scheduling, so the figure isolates virtualization itself. On a desktop (VDI) platform it is the share of the screen updates its users see (\"updates\"), which counts a late update too: what they feel is the input-to-display latency shown before it.",
    },
    Term {
        id: "lowest-group",
        name_ko: "최저 그룹",
        name_en: "lowest group",
        forms: &["lowest group", "최저 그룹"],
        ko: "그룹이 둘 이상인 플랫폼의 네이티브 대비는 각 그룹의 값을 그룹이 네이티브에서 쓴 CPU로 가중한 평균이라, 굶주린 그룹을 가릴 수 있습니다: driver-domain-starvation에서 BOOST 없는 플랫폼은 93.6%인데 db VM은 0.1%입니다. 그래서 가장 낮은 그룹의 값이 플랫폼의 값과 다르게 찍힐 때마다, 그 그룹과 값을 플랫폼의 값 옆에 적습니다(명령줄 표의 ‘최저 그룹’ 열, 페이지의 값 아래). 기준은 조정한 문턱값이 아니라 찍힌 두 숫자가 다르다는 사실입니다.",
        en: "The figure against native of a platform with more than one group is their mean weighted by the CPU each group uses natively, which can hide a starved group: driver-domain-starvation's platforms without BOOST read 93.6% while the db VM gets 0.1%. So wherever the lowest group's figure prints otherwise than the platform's, that group and its figure stand beside it (the command line's lowest group column; on the page, under the figure). The rule is no tuned threshold, only that the two printed numbers differ.",
    },
    Term {
        id: "kern-percent",
        name_ko: "kern% (명령줄 표)",
        name_en: "kern% (command-line table)",
        forms: &["kern%", "커널%"],
        ko: "명령줄 표의 열 이름으로, 페이지의 '커널 %' 열입니다: 커널 모드에서 쓴 CPU 시간의 비율(VM은 자기 게스트 커널, 컨테이너는 함께 쓰는 호스트 커널)입니다.",
        en: "The command line's name for the page's Kernel % column: the share of CPU time in kernel mode (a VM's own guest kernel; for containers the host kernel they share).",
    },
    Term {
        id: "hyp-percent",
        name_ko: "hyp% (명령줄 표)",
        name_en: "hyp% (command-line table)",
        // `하이퍼%`: the command line's heading before (library texts may still quote it).
        forms: &["hyp%", "하이퍼바이저%", "하이퍼%"],
        ko: "명령줄 표의 열 이름으로, 페이지의 '하이퍼바이저 %' 열입니다: 하이퍼바이저 안에서 쓴 시간(VM exit와 entry, exit 핸들러, 하이퍼콜, 드라이버 도메인이 없는 Type 1에서는 하이퍼바이저가 가진 실제 장치 드라이버도)의 비율입니다.",
        en: "The command line's name for the page's Hypervisor % column: the share of time spent in the hypervisor (VM exits and entries, exit handlers, hypercalls and, under type 1 without a driver domain, the real device drivers it holds).",
    },
    Term {
        id: "emu-percent",
        name_ko: "emu% (명령줄 표)",
        name_en: "emu% (command-line table)",
        forms: &["emu%", "장치 백엔드%", "에뮬%"],
        ko: "명령줄 표의 열 이름으로, 페이지의 '장치 백엔드 %' 열입니다: 장치 백엔드가 게스트의 I/O에 쓴 시간의 비율로, 에뮬레이션 장치 모델과 반가상화 백엔드(QEMU의 장치 모델, vhost, 드라이버 도메인의 netback·blkback)를 어디서 실행되든 모두 셉니다.",
        en: "The command line's name for the page's Device back ends % column: the share of time the device back ends spent on the guests' I/O, emulated device models and paravirtual back ends alike (QEMU's device model, vhost, a driver domain's netback and blkback), wherever they run.",
    },
    Term {
        id: "host-percent",
        name_ko: "host% (명령줄 표)",
        name_en: "host% (command-line table)",
        forms: &["host%", "호스트%"],
        ko: "명령줄 표의 열 이름으로, 페이지의 '호스트 OS·엔진 %' 열입니다: 호스트 OS 커널과 컨테이너 격리에서 쓴 시간(Type 2의 월드 스위치(world switch), VMM 프로세스의 시스템 콜, 호스트 드라이버와 vhost 스레드의 백엔드를 위한 호스트 커널의 일, 컨테이너의 seccomp와 브리지 경로)의 비율입니다.",
        en: "The command line's name for the page's Host OS / engine % column: the share of time in the host OS kernel and in container isolation (type 2's world switches, the VMM process's system calls, the host's drivers and the host kernel's work for back ends in vhost threads, containers' seccomp and bridge paths).",
    },
    Term {
        id: "exits-per-second",
        name_ko: "exits/s (명령줄 표)",
        name_en: "exits/s (command-line table)",
        forms: &["exits/s", "초당 exit"],
        ko: "명령줄 표의 열 이름으로, 페이지의 '초당 exit·하이퍼콜' 열입니다: 하이퍼바이저로 들어간 횟수를 초당으로 셉니다: 하드웨어 지원의 VM exit, 반가상화 게스트의 하이퍼콜, 그리고 VT-x 없이 가상화하는 기법의 트랩(바이너리 변환의 시스템 콜 트랩과 숨은 섀도 페이지 폴트, Xen PV가 시스템 콜이나 예외를 게스트 커널로 되돌려 보내는 바운스, 게스트가 실행 중일 때 VMM이나 Xen으로 들어오는 인터럽트)을 함께 셉니다.",
        en: "The command line's name for the page's Exits + hypercalls /s column, the entries into the hypervisor per second: hardware assist's VM exits, a paravirtual guest's hypercalls, and the traps of the techniques without VT-x (binary translation's system-call traps and hidden shadow page faults, Xen PV's bounces of a system call or exception to the guest kernel, and the interrupts that enter the VMM or Xen while the guest runs) counted together.",
    },
    Term {
        id: "hypervisor",
        name_ko: "하이퍼바이저 (VMM)",
        name_en: "hypervisor (VMM)",
        forms: &["hypervisor", "hypervisors", "VMM", "VMMs", "하이퍼바이저"],
        ko: "가상 머신을 만들고 실행하며 하드웨어를 그들 사이에 나누는 소프트웨어입니다(가상 머신 모니터, VMM이라고도 합니다). Type 1 하이퍼바이저는 하드웨어 위에서 바로, Type 2는 호스트 운영체제 위의 프로그램으로 실행됩니다.",
        en: "The software that creates and runs virtual machines and shares the hardware among them (also called a virtual machine monitor, VMM). A type 1 hypervisor runs on the bare hardware; a type 2 one runs as a program on a host operating system.",
    },
    Term {
        id: "container",
        name_ko: "컨테이너 (container)",
        name_en: "container",
        forms: &["containerization", "container", "containers", "컨테이너화", "컨테이너"],
        ko: "호스트 커널의 네임스페이스로 격리되고 cgroup으로 제한되는 프로세스들입니다. 호스트의 커널 하나를 함께 쓰므로 게스트 OS가 필요 없고 1초보다 훨씬 빨리 시작하지만(부팅할 커널이 없음), 커널의 장애는 모든 컨테이너에 미칩니다.",
        en: "Processes isolated by the host kernel's namespaces and limited by its cgroups. They share the host's one kernel, so they need no guest OS and start in well under a second (no kernel to boot), but a kernel fault reaches every container.",
    },
    Term {
        id: "namespace",
        name_ko: "네임스페이스 (namespace)",
        name_en: "namespace",
        forms: &["namespace", "namespaces", "네임스페이스"],
        ko: "프로세스 묶음에 한 종류의 자원(프로세스 ID, 마운트, 네트워크 인터페이스, 호스트 이름, 사용자, IPC)에 대한 자기만의 시야를 주는 리눅스 커널 기능입니다. 컨테이너는 자기 네임스페이스 안의 프로세스들입니다.",
        en: "A Linux kernel feature that gives a group of processes its own view of one kind of resource (process IDs, mounts, network interfaces, host name, users, IPC). A container is processes in namespaces of their own.",
    },
    Term {
        id: "live-migration",
        name_ko: "라이브 마이그레이션 (live migration)",
        name_en: "live migration",
        forms: &["live migration", "live migrations", "라이브 마이그레이션"],
        ko: "실행 중인 VM을 다른 호스트로 옮기는 것입니다. 실행하는 동안 메모리를 복사하고(프리카피 라운드가 그동안 더럽혀진 페이지를 다시 보냅니다), 남은 것을 짧게 멈춰 복사(stop-and-copy)한 뒤 대상 호스트에서 재개합니다.",
        en: "Moving a running VM to another host: its memory is copied while it runs (pre-copy rounds send again the pages it dirtied meanwhile), then it is paused for a short stop-and-copy of what is left and resumes on the destination.",
    },
    Term {
        id: "rtt",
        name_ko: "RTT (왕복 시간)",
        name_en: "RTT (round-trip time)",
        forms: &["RTT", "round-trip time", "round trip time", "왕복 시간"],
        ko: "패킷이 상대에게 가고 응답이 돌아오는 데 걸리는 시간입니다. 원격 데스크톱에서는 입력마다 그 화면 갱신이 오기까지 적어도 RTT 한 번을 기다립니다.",
        en: "How long a packet takes to reach the other end and an answer to come back. On a remote desktop every input waits at least one RTT before its screen update arrives.",
    },
    Term {
        id: "type-1",
        name_ko: "Type 1 하이퍼바이저",
        name_en: "type 1 hypervisor",
        forms: &["type 1 hypervisor", "type-1 hypervisor", "type 1", "type-1", "Type 1 하이퍼바이저"],
        ko: "하드웨어 위에서 직접 실행되며 VM을 스스로 스케줄하는 하이퍼바이저입니다(Xen, VMware ESXi, Hyper-V). KVM의 분류는 의견이 갈립니다. 리눅스 커널 자체가 하이퍼바이저가 되므로 보통 Type 1로 치지만, 구조(호스트 커널 모듈과 사용자 공간의 QEMU)는 호스트형 설계와 같습니다. 그래서 이 시뮬레이터에서는 두 가지로 쓸 수 있습니다: vhost 스레드와 호스트의 CFS를 쓰는 Type 1(`kind = \"type1\"`, `backend = \"device_thread\"`, `scheduler = \"fair\"`: 시나리오 형식 문서의 제품 표), 또는 Type 2의 ‘호스트 커널 모듈’ 설계(`hosted_design = \"host_module\"`: hosted-designs 시나리오). VM 아래에 범용 OS가 없는 ESXi 방식에서는 호스트 OS 장애(host_os_crash)가 닿을 곳이 없지만, Xen의 dom0나 Hyper-V의 루트 파티션은 범용 OS라서 그것이 고장 나면 모든 VM이 멈춥니다.",
        en: "A hypervisor that runs on the bare hardware and schedules the VMs itself (Xen, VMware ESXi, Hyper-V). KVM's classification is debated: the Linux kernel itself becomes the hypervisor, so it is usually counted as type 1, but its structure (a host kernel module and QEMU in user space) is that of a hosted design, so this simulator can write it either way: as a type 1 with vhost threads and the host's CFS (`kind = \"type1\"`, `backend = \"device_thread\"`, `scheduler = \"fair\"`: the product table of the scenario format), or as type 2's 'host kernel module' design (`hosted_design = \"host_module\"`: the hosted-designs scenario). An ESXi-like one runs no general-purpose OS under its VMs, so a host OS crash (host_os_crash) has nothing to hit there; Xen's dom0 and Hyper-V's root partition are general-purpose OSes, and when one crashes every VM stops.",
    },
    Term {
        id: "type-2",
        name_ko: "Type 2 하이퍼바이저",
        name_en: "type 2 hypervisor",
        forms: &["type 2 hypervisor", "type-2 hypervisor", "type 2", "type-2", "Type 2 하이퍼바이저"],
        ko: "호스트 OS 위의 프로그램으로 실행되며 호스트의 드라이버와 스케줄러를 쓰는 하이퍼바이저입니다(VMware Workstation, VirtualBox, Parallels Desktop). 이 시뮬레이터의 기본값인 고전적인 설계에서는 그 드라이버에 닿으려면 월드 스위치(world switch)가 필요하고, ring-0 부분이 호스트 커널 모듈인 설계(`hosted_design = \"host_module\"`)에서는 exit가 바로 호스트 커널로 갑니다. VMM이 호스트 OS의 프로그램이므로 호스트 OS가 고장 나면(host_os_crash) 모든 VM이 함께 멈춥니다.",
        en: "A hypervisor that runs as a program on a host OS and uses the host's drivers and scheduler (VMware Workstation, VirtualBox, Parallels Desktop); in the classic design, this simulator's default, reaching those drivers takes world switches; in the design whose ring-0 part is a host kernel module (`hosted_design = \"host_module\"`) an exit goes straight into the host kernel. Since the VMM is a program of the host OS, every VM stops when that OS crashes (a host_os_crash).",
    },
    Term {
        id: "cgroup",
        name_ko: "cgroup",
        name_en: "cgroup",
        forms: &["cgroup", "cgroups"],
        ko: "리눅스 컨트롤 그룹: 커널이 자원을 함께 세고 제한하는 프로세스 묶음입니다(CPU 가중치, CPU 할당량, 메모리 한도). 컨테이너는 cgroup 안의 프로세스들이고, 그들이 보는 것은 네임스페이스로 격리합니다.",
        en: "A Linux control group: a set of processes whose resources the kernel accounts and limits together (CPU weight, CPU quota, memory limit). A container is its processes in a cgroup, with namespaces to isolate what they see.",
    },
    Term {
        id: "ksm",
        name_ko: "KSM",
        name_en: "KSM",
        forms: &["KSM"],
        ko: "Kernel Samepage Merging: 리눅스가 메모리에서 내용이 같은 페이지를 찾아 copy-on-write 사본 하나만 남기므로, 비슷한 VM들이 메모리를 덜 씁니다. 스캔은 느리고 CPU를 쓰며, 합쳐진 페이지에 쓰면 다시 복사가 생깁니다. 이 시뮬레이터는 호스트에 모자란 만큼만 합치고, 작업 집합은 합치지 않습니다.",
        en: "Kernel Samepage Merging: Linux scans memory for pages with the same content and keeps one copy-on-write copy, so similar VMs take less memory. The scan is slow and costs CPU, and a write to a merged page makes a copy again. This simulator merges only what the host lacks, and never the working sets.",
    },
    Term {
        id: "ballooning",
        name_ko: "벌룬 (ballooning)",
        name_en: "ballooning",
        forms: &["balloon", "ballooning", "벌룬"],
        ko: "하이퍼바이저의 요청에 따라 게스트 메모리를 할당해 그 페이지를 호스트에 돌려주는('부풀리는') 게스트 안의 드라이버입니다. 그래서 호스트는 게스트가 스스로 고른 메모리를 회수할 수 있습니다.",
        en: "A driver in the guest that, at the hypervisor's request, allocates guest memory and hands those pages back to the host ('inflates'), so that the host can reclaim memory the guest itself chose to give up.",
    },
    Term {
        id: "pre-copy",
        name_ko: "프리카피 (pre-copy)",
        name_en: "pre-copy",
        forms: &["pre-copy", "precopy", "프리카피"],
        ko: "흔한 라이브 마이그레이션 방법입니다: VM이 계속 실행되는 동안 메모리 전체를 복사하고, 그사이 쓰인(더티) 페이지를 라운드마다 다시 복사하다가, 남은 것이 적어지면 VM을 잠깐 멈추고(다운타임) 나머지를 복사해 새 호스트에서 재개합니다.",
        en: "The usual live-migration method: copy all of the VM's memory while it keeps running, then copy again the pages it dirtied meanwhile, round after round, until few are left; then pause the VM briefly (the downtime), copy the rest and resume it on the new host.",
    },
    Term {
        id: "dirty-page",
        name_ko: "더티 페이지 (dirty page)",
        name_en: "dirty page",
        forms: &["dirty page", "dirty pages", "dirtied", "dirty", "더티"],
        ko: "마지막으로 저장하거나 복사한 뒤에 쓰인 페이지입니다(스왑이나 디스크에, 또는 마이그레이션 라운드로). 라이브 마이그레이션은 더티 로깅으로 이를 추적해 다시 보내야 합니다.",
        en: "A page written since it was last saved or copied (to swap or disk, or by a migration round). Live migration tracks them with dirty logging and must send them again.",
    },
    Term {
        id: "p99",
        name_ko: "p99 (99번째 백분위수)",
        name_en: "p99 (99th percentile)",
        forms: &["p99"],
        ko: "99번째 백분위수: 연산의 99%가 그 안에 끝나는 지연으로, 100개 중 1개는 더 오래 걸립니다. 평균이 가리는 꼬리를 보여 주지만, 가장 드문 1%는 보지 못합니다.",
        en: "The 99th percentile: the latency within which 99% of the operations finish, so 1 in 100 takes longer. It shows the tail that a mean hides, but sees nothing of the rarest 1%.",
    },
    Term {
        id: "median",
        name_ko: "중앙값 (p50)",
        name_en: "median (p50)",
        forms: &["median", "p50", "중앙값"],
        ko: "가운데 값: 연산의 절반은 이보다 빠르고 절반은 느립니다. 평균과 달리 아주 느린 연산 몇 개로는 움직이지 않습니다.",
        en: "The middle value: half of the operations are faster, half slower. Unlike the mean, a few very slow operations do not move it.",
    },
    Term {
        id: "seed",
        name_ko: "시드 (seed)",
        name_en: "seed",
        forms: &["seed", "seeds", "시드"],
        ko: "시뮬레이터의 난수 생성기를 시작하는 수입니다. 같은 시나리오와 seed는 언제나 같은 실행을 내고, 다른 seed로 실행해 보면 결과가 우연에 얼마나 기대는지 알 수 있습니다.",
        en: "The number that starts the simulator's random number generator: the same scenario and seed always give the same run, and running other seeds shows how much a result owes to chance.",
    },
    Term {
        id: "overview",
        name_ko: "개요 문서",
        name_en: "course overview",
        forms: &["course overview", "overview", "개요 문서"],
        ko: "이 과정의 가상화 방식 비교가 나온 문서입니다. 하드웨어 가상화, Type 1과 Type 2 하이퍼바이저, 전가상화·반가상화·하이브리드, 데스크톱 가상화, 컨테이너를 설명하고 비교표로 끝나며, 그 표가 비교표 탭의 검은 글씨입니다. 시나리오 파일 seed-comparison-table과 seed-table-full의 이름은 이 문서의 옛 이름(seed document)에서 왔습니다.",
        en: "The text this course's comparison of virtualization kinds comes from: it explains hardware virtualization, type 1 and type 2 hypervisors, full, para- and hybrid virtualization, desktop virtualization and containers, and closes with a comparison table, whose words are the black text of the Comparison tab. The scenario files seed-comparison-table and seed-table-full are named after the document's old name, the seed document.",
    },
    Term {
        id: "microvm",
        name_ko: "microVM",
        name_en: "microVM",
        forms: &["microVM", "microVMs"],
        ko: "최소한의 VM입니다(Firecracker 같은). 반가상화 장치 몇 개와, 에뮬레이션 장치는 거의 없이(직렬 포트와 i8042 키보드 컨트롤러뿐) 펌웨어 없이 커널을 바로 부팅하므로, 1초도 안 되어 시작하고 자체 메모리도 적게 씁니다.",
        en: "A minimal VM (as Firecracker makes): a few paravirtual devices, almost no emulated hardware (a serial port and an i8042 keyboard controller), no firmware, and a kernel booted directly, so it starts in a fraction of a second with little memory of its own.",
    },
    Term {
        id: "vdi",
        name_ko: "VDI",
        name_en: "VDI",
        forms: &["VDI"],
        ko: "가상 데스크톱 인프라: 사용자마다 데스크톱이 서버의 자기 VM에서 실행되고 화면을 원격으로 봅니다. 세션 호스트(RDS 방식)는 대신 함께 쓰는 서버 OS 하나에서 여러 사용자의 세션을 제공합니다. 개요 문서는 각 가상 데스크탑이 독립적인 OS와 커널을 가진다고 하는데, 이는 VDI에 맞는 말이고, 문서가 드는 제품들이 함께 제공하는 세션 방식(RDS 세션 호스트, Citrix Virtual Apps)에는 맞지 않습니다(사용자들이 커널 하나를 공유합니다).",
        en: "Virtual desktop infrastructure: each user's desktop runs in a VM of its own on a server and is shown remotely. A session host (RDS) instead serves many users' sessions from one shared server OS. The course overview says each virtual desktop has its own OS and kernel: true of VDI, not of the session-based deployments that the products it names also offer (RDS session hosts, Citrix Virtual Apps), whose users share one kernel.",
    },
    Term {
        id: "hardware-virtualization",
        name_ko: "하드웨어 가상화 (Hardware Virtualization)",
        name_en: "hardware virtualization",
        forms: &["hardware virtualization", "하드웨어 가상화", "하드웨어 수준 가상화"],
        ko: "개요 문서의 뜻으로는 VM 단위 가상화입니다: 하이퍼바이저가 가상 하드웨어를 만들고 VM마다 자기 OS와 커널을 실행합니다. 바이너리 변환, 반가상화, 하드웨어 지원이 모두 여기에 들며, CPU 기능인 하드웨어 지원 가상화(VT-x/AMD-V)와는 다른 말입니다.",
        en: "In the course overview's sense, virtualization by whole VMs: a hypervisor presents virtual hardware and each VM runs its own OS and kernel. Binary translation, paravirtualization and hardware assist all belong to it; it is not the same as hardware-assisted virtualization (VT-x/AMD-V), a CPU feature.",
    },
    Term {
        id: "desktop-virtualization",
        name_ko: "데스크톱 가상화 (Desktop Virtualization)",
        name_en: "desktop virtualization",
        forms: &["desktop virtualization", "데스크톱 가상화", "데스크탑 가상화"],
        ko: "사용자의 데스크톱을 중앙 서버에서 실행하고, 사용자는 네트워크 너머에서 화면을 보며 입력을 보내는 방식입니다. 서버가 데스크톱마다 VM을 주거나(VDI) 여러 사용자가 서버 OS 하나를 함께 씁니다(세션 호스트). 사용자가 느끼는 것은 입력에서 화면까지의 지연과 대역폭입니다. 개요 문서는 '데스크탑'으로 적고, 이 페이지는 표준 표기 '데스크톱'을 씁니다(같은 말입니다. 개요 문서를 인용할 때는 그대로 둡니다).",
        en: "Users' desktops run on a central server, and each user sees the screen and sends input over the network. The server gives each desktop a VM (VDI) or lets many users share one server OS (a session host). What a user feels is the input-to-display latency and the bandwidth.",
    },
    Term {
        id: "os-level-virtualization",
        name_ko: "OS 수준 가상화 (OS-level Virtualization)",
        name_en: "OS-level virtualization",
        forms: &["OS-level virtualization", "OS-level", "OS 수준 가상화"],
        ko: "호스트 커널 하나를 공유하면서 프로세스들을 격리된 환경(컨테이너)으로 나누는 가상화입니다. 게스트 OS를 설치하지 않으므로 가볍지만, 격리는 커널이 지키는 프로세스 단위이고 커널의 장애는 모두에게 미칩니다.",
        en: "Virtualization that splits one host kernel's processes into isolated environments (containers) that share that kernel. No guest OS is installed, so it is light, but the isolation is the kernel's, per process, and a kernel fault reaches them all.",
    },
    Term {
        id: "seccomp",
        name_ko: "seccomp (시스템 콜 필터)",
        name_en: "seccomp (system-call filter)",
        forms: &["seccomp", "seccomp filter", "seccomp filters", "seccomp 필터"],
        ko: "보안 컴퓨팅 모드(secure computing mode): 프로세스의 시스템 콜을 작은 BPF 프로그램으로 걸러, 호출 번호와 인자에 따라 허용하거나 거부하거나 프로세스를 끝내는 리눅스 커널 기능입니다. 컨테이너 엔진(Docker, Podman)은 컨테이너마다 위험하고 드물게 쓰는 호출 수십 개를 막는 기본 필터를 걸며, 그 검사가 시스템 콜마다 비용을 조금 더합니다(containers-vs-vms).",
        en: "Secure computing mode: a Linux kernel feature that filters a process's system calls through a small BPF program, which allows or refuses each call, or kills the process, by the call's number and arguments. Container engines (Docker, Podman) give every container a default filter that blocks a few dozen rarely needed, risky calls; the check adds a little to every system call (containers-vs-vms).",
    },
    Term {
        id: "veth",
        name_ko: "veth 쌍 (가상 이더넷 쌍)",
        name_en: "veth pair (virtual Ethernet pair)",
        forms: &["veth pair", "veth pairs", "veth", "veth 쌍"],
        ko: "서로 이어진 가상 네트워크 인터페이스 두 개로, 한쪽에 보낸 패킷이 다른 쪽으로 나옵니다. 브리지 모드의 컨테이너는 한쪽 끝을 자기 네트워크 네임스페이스 안에(그 컨테이너의 eth0), 다른 끝을 호스트의 브리지에 붙여 두므로, 패킷마다 호스트 커널에서 이 쌍을 건넙니다(containers-vs-vms).",
        en: "Two linked virtual network interfaces: a packet sent into one comes out of the other. A container in bridge mode has one end inside its network namespace (its eth0) and the other on the host, attached to a bridge, so each of its packets crosses the pair in the host kernel (containers-vs-vms).",
    },
    Term {
        id: "bridge-nat",
        name_ko: "브리지/NAT (컨테이너 네트워크)",
        name_en: "bridge / NAT (container networking)",
        forms: &[
            "bridge mode",
            "bridged",
            "bridge/NAT",
            "Linux bridge",
            "NAT",
            "브리지 모드",
            "브리지/NAT",
            "리눅스 브리지",
        ],
        ko: "컨테이너가 네트워크에 닿는 기본 방식입니다(Docker의 브리지 모드). 컨테이너들의 veth 끝을 호스트 커널 안의 소프트웨어 스위치인 리눅스 브리지(docker0)가 잇고, 호스트 밖과 오가는 패킷은 netfilter가 주소를 바꿔(NAT, 네트워크 주소 변환) 컨테이너들이 호스트의 주소 하나를 함께 씁니다. 이 일은 패킷마다 호스트 커널에서 들며, 호스트의 네트워크 네임스페이스를 그대로 쓰는 호스트 네트워크 모드에는 없습니다(containers-vs-vms).",
        en: "The default way a container reaches the network (Docker's bridge mode): the containers' veth ends are joined by a software switch in the host kernel, the Linux bridge (docker0), and packets to and from outside have their addresses rewritten by netfilter (NAT, network address translation), so the containers share the host's address. This work costs each packet time in the host kernel; host networking, which uses the host's network namespace directly, has none of it (containers-vs-vms).",
    },
    Term {
        id: "overlay-filesystem",
        name_ko: "오버레이 파일 시스템 (OverlayFS)",
        name_en: "overlay filesystem (OverlayFS)",
        forms: &[
            "overlay filesystem",
            "overlay filesystems",
            "OverlayFS",
            "overlay2",
            "오버레이 파일 시스템",
            "오버레이 파일시스템",
        ],
        ko: "계층을 쌓는 파일 시스템입니다: 컨테이너는 이미지의 읽기 전용 계층들 위에 쓰기 가능한 계층 하나를 얹어 하나로 합친 트리를 봅니다(리눅스의 OverlayFS, Docker의 기본 스토리지 드라이버 overlay2). 파일을 열 때 계층들을 뒤지고, 이미지에 있던 파일에 처음 쓸 때 그 파일을 쓰기 계층으로 통째로 복사합니다(copy-up). 이미 연 파일을 읽고 쓰는 비용은 호스트 파일 시스템과 거의 같습니다(containers-vs-vms).",
        en: "A filesystem that stacks layers: a container sees its image's read-only layers with one writable layer on top, merged into one tree (Linux's OverlayFS; Docker's default storage driver, overlay2). Opening a file looks it up through the layers, and the first write to a file of the image copies the whole file up into the writable layer; reading and writing a file already open cost about what the host's filesystem costs (containers-vs-vms).",
    },
    Term {
        id: "bind-mount",
        name_ko: "바인드 마운트 (bind mount)",
        name_en: "bind mount",
        forms: &[
            "bind mount",
            "bind mounts",
            "bind-mounted",
            "bind-mounted volume",
            "bind-mounted volumes",
            "바인드 마운트",
        ],
        ko: "호스트의 디렉터리를 다른 경로에, 여기서는 컨테이너 안에 그대로 보이게 하는 마운트입니다(리눅스의 mount --bind). 컨테이너의 볼륨은 이렇게 붙인 호스트 디렉터리여서 오버레이 파일 시스템의 계층을 거치지 않고, 컨테이너가 지워져도 남습니다. 그래서 컨테이너의 데이터를 흔히 볼륨에 둡니다(containers-vs-vms).",
        en: "Making a host directory visible at another path, here inside a container (Linux's mount --bind). A container's volume is such a host directory: its files bypass the overlay filesystem's layers and outlive the container, which is why a container's data usually lives in a volume (containers-vs-vms).",
    },
    Term {
        id: "halt-polling",
        name_ko: "halt polling (HLT 뒤 폴링)",
        name_en: "halt polling",
        forms: &["halt polling", "halt-polling", "halt poll"],
        ko: "vCPU가 할 일이 없어 HLT로 멈출 때, KVM이 그 스레드를 바로 재우지 않고 곧 인터럽트가 오기를 바라며 잠시 도는 것입니다. 최대 halt_poll_ns 동안이며(x86 기본값 200,000 ns, 곧 200 µs. KVM은 폴링이 성공하는 정도에 따라 vCPU마다 늘리고 줄입니다), 시나리오에서는 halt_poll_us로 정합니다. 폴링 중에 깨어나면 잠든 스레드를 깨우는 것보다 빠르지만, 도는 동안 CPU를 씁니다(containers-vs-vms, consolidation-density).",
        en: "When a vCPU halts (HLT, nothing to do), KVM spins for a while before putting its thread to sleep, in case an interrupt comes soon: up to halt_poll_ns (200,000 ns, 200 µs, by default on x86, which KVM grows or shrinks per vCPU as polling pays off or not; halt_poll_us in a scenario). A wake-up during the poll is quicker than waking a sleeping thread, but the poll burns CPU (containers-vs-vms, consolidation-density).",
    },
    Term {
        id: "apic",
        name_ko: "APIC (로컬 인터럽트 컨트롤러, xAPIC/x2APIC)",
        name_en: "APIC (local interrupt controller, xAPIC/x2APIC)",
        forms: &[
            "APIC",
            "APICs",
            "local APIC",
            "xAPIC",
            "x2APIC",
            "APIC access exit",
            "APIC access exits",
            "APIC-access exit",
            "APIC-access exits",
            "APIC exit",
            "APIC exits",
            "APIC 접근 exit",
            "로컬 APIC",
        ],
        ko: "x86 CPU마다 있는 인터럽트 컨트롤러(Advanced Programmable Interrupt Controller)로, 인터럽트를 받고 IPI를 보내며 타이머를 가집니다. 예전 xAPIC 모드는 메모리 매핑 레지스터 페이지로, 새 x2APIC 모드는 MSR(RDMSR/WRMSR)로 레지스터에 접근합니다. 게스트의 APIC는 가상이어서, APIC 가상화(APICv)가 없으면 그 레지스터 접근이 VM exit가 됩니다(CLI의 apic_access 또는 msr_write).",
        en: "The Advanced Programmable Interrupt Controller, one per x86 CPU: it receives interrupts, sends IPIs and holds a timer. The older xAPIC mode reaches its registers through a page of memory-mapped registers, the newer x2APIC mode through MSRs (RDMSR/WRMSR). A guest's APIC is virtual: without APIC virtualization (APICv) its register accesses are VM exits (apic_access or msr_write in the CLI).",
    },
    Term {
        id: "eoi",
        name_ko: "EOI (인터럽트 완료 통지)",
        name_en: "EOI (end of interrupt)",
        forms: &[
            "EOI",
            "EOIs",
            "end of interrupt",
            "end-of-interrupt",
            "PV EOI",
            "인터럽트 완료 통지",
        ],
        ko: "인터럽트 핸들러가 처리를 마쳤다고 APIC에 알리는 쓰기로, 그래야 APIC가 같은 우선순위의 다음 인터럽트를 전달합니다. APICv가 없는 VM에서는 인터럽트마다 이 쓰기가 VM exit입니다(xAPIC 모드에서는 APIC 접근 exit, x2APIC 모드에서는 WRMSR). KVM의 enlightenment인 PV EOI에서는 exit가 필요 없다고 하이퍼바이저가 표시해 두면 게스트가 공유 메모리의 플래그만 지웁니다(full-para-hybrid, io-paths).",
        en: "End of interrupt: the write with which an interrupt handler tells its APIC it is done, so that the APIC can deliver the next interrupt of that priority. In a VM without APICv that write is a VM exit for every interrupt (an APIC access exit in xAPIC mode, a WRMSR in x2APIC mode). With PV EOI, a KVM enlightenment, the guest only clears a flag in shared memory when the hypervisor has marked that no exit is needed (full-para-hybrid, io-paths).",
    },
    Term {
        id: "apicv",
        name_ko: "APICv (APIC 가상화, posted interrupt)",
        name_en: "APICv (APIC virtualization, posted interrupts)",
        forms: &[
            "APICv",
            "APIC virtualization",
            "posted interrupt",
            "posted interrupts",
            "APIC 가상화",
        ],
        ko: "Intel의 APIC 가상화입니다(AMD는 AVIC). CPU가 vCPU마다 가상 APIC 페이지를 두고 EOI를 비롯한 게스트의 APIC 접근 대부분을 VM exit 없이 처리합니다. posted interrupt를 쓰면 실행 중인 vCPU에 가는 인터럽트도 exit 없이 게스트에 바로 전달됩니다. Ivy Bridge-EP부터 있으며, 이 모델에서는 Sandy Bridge 호스트에 없고 cpu = \"haswell\"에 있습니다(full-para-hybrid).",
        en: "Intel's APIC virtualization (AMD's is AVIC): the CPU keeps a virtual APIC page for each vCPU and handles most of the guest's APIC accesses, EOI included, without a VM exit. With posted interrupts, an interrupt for a running vCPU is delivered straight into the guest, without an exit either. It came with Ivy Bridge-EP; in this model a Sandy Bridge host lacks it and cpu = \"haswell\" has it (full-para-hybrid).",
    },
    Term {
        id: "pv-ipi",
        name_ko: "PV IPI",
        name_en: "PV IPI",
        forms: &["PV IPI", "PV IPIs"],
        ko: "KVM의 enlightenment입니다: 게스트가 대상 CPU마다 APIC에 한 번씩 쓰는 대신(APICv가 없는 x2APIC 모드에서는 매번 VM exit), 대상 vCPU들을 비트맵으로 적은 하이퍼콜 한 번으로 IPI를 여러 vCPU에 보냅니다. TLB 슛다운처럼 여러 vCPU를 한꺼번에 부를 때 exit를 아낍니다(full-para-hybrid).",
        en: "A KVM enlightenment: instead of writing its APIC once per target CPU (a VM exit each time in x2APIC mode without APICv), the guest sends an IPI to many vCPUs with one hypercall that lists them in a bitmap. It saves exits when a guest interrupts several vCPUs at once, as in a TLB shootdown (full-para-hybrid).",
    },
    Term {
        id: "async-page-fault",
        name_ko: "비동기 페이지 폴트 (async page fault)",
        name_en: "async page fault",
        forms: &[
            "async page fault",
            "async page faults",
            "asynchronous page fault",
            "asynchronous page faults",
            "async PF",
            "비동기 페이지 폴트",
        ],
        ko: "KVM의 enlightenment입니다: 게스트가 호스트에서 스왑 아웃된 페이지를 건드리면, KVM은 호스트가 그 페이지를 다시 읽는 동안 vCPU 전체를 세워 두지 않고 게스트에 알립니다. 게스트는 그동안 다른 스레드를 실행하고, 페이지가 들어왔다는 알림을 받으면 처음 스레드를 재개합니다. 이것이 없으면 vCPU 전체가 호스트의 디스크를 기다립니다(full-para-hybrid).",
        en: "A KVM enlightenment: when a guest touches a page the host has swapped out, KVM does not stall the whole vCPU while the host reads it back but tells the guest, which runs another of its threads meanwhile and resumes the first when KVM signals the page is in. Without it the whole vCPU waits for the host's disk (full-para-hybrid).",
    },
    Term {
        id: "pvh",
        name_ko: "PVH (Xen)",
        name_en: "PVH (Xen)",
        forms: &["PVH"],
        ko: "Xen의 게스트 모드입니다: 게스트는 하드웨어 지원(VT-x/AMD-V)과 중첩 페이징 위에서 실행되지만, PV 게스트처럼 하이퍼콜과 PV 드라이버로 Xen과 이야기하고, 에뮬레이션 PC 장치나 펌웨어(QEMU)가 없습니다. 64비트 시스템 콜마다 하이퍼바이저를 거쳐 돌아가던 고전적인 PV 게스트의 뒤를 잇는 모드입니다(full-para-hybrid).",
        en: "A Xen guest mode: the guest runs under hardware assist (VT-x/AMD-V) with nested paging, but talks to Xen like a PV guest, through hypercalls and PV drivers, with no emulated PC devices or firmware (no QEMU). It succeeds classic PV guests, whose every 64-bit system call detours through the hypervisor (full-para-hybrid).",
    },
    Term {
        id: "sensitive-instruction",
        name_ko: "민감한 명령 (sensitive instruction)",
        name_en: "sensitive instruction",
        forms: &[
            "sensitive instruction",
            "sensitive instructions",
            "민감한 명령어",
            "민감한 명령",
        ],
        ko: "커널이나 하이퍼바이저만 다뤄야 할 상태(인터럽트 플래그, 디스크립터 테이블, 제어 레지스터)를 읽거나 바꾸는 명령, 또는 그 상태에 따라 다르게 동작하는 명령입니다. 트랩과 에뮬레이션은 특권을 낮춘 게스트 커널이 이들을 실행할 때 모두 트랩되어야 성립합니다. VT-x 전의 x86에는 트랩되지 않는 것이 17개쯤 있었습니다: POPF(인터럽트 플래그 변경을 조용히 무시)와 SGDT(실제 디스크립터 테이블 주소를 드러냄) 등(full-para-hybrid, exit-cost-by-cpu-generation).",
        en: "An instruction that reads or changes state that only the kernel or the hypervisor should control (the interrupt flag, descriptor tables, control registers), or that behaves differently depending on it. Trap and emulate works only if all of them trap when a deprivileged guest kernel runs them; the x86 before VT-x had some 17 that did not, such as POPF (silently ignores a change to the interrupt flag) and SGDT (reveals the real descriptor table's address) (full-para-hybrid, exit-cost-by-cpu-generation).",
    },
    Term {
        id: "popek-goldberg",
        name_ko: "포펙-골드버그(Popek-Goldberg) 조건",
        name_en: "Popek-Goldberg theorem",
        forms: &["Popek-Goldberg", "Popek and Goldberg", "Popek & Goldberg", "포펙-골드버그"],
        ko: "어떤 기계를 트랩과 에뮬레이션으로 가상화할 수 있는지에 관한 포펙(Popek)과 골드버그(Goldberg)의 1974년 결과입니다: 모든 민감한 명령이 특권 명령(가장 높은 특권 모드 밖에서 실행하면 트랩되는 명령)이면, 게스트를 직접 실행하다 트랩될 때만 제어를 넘겨받는 하이퍼바이저를 만들 수 있습니다. VT-x 전의 x86은 이 조건을 만족하지 못했고, 그래서 바이너리 변환과 반가상화가 먼저 나왔습니다(full-para-hybrid).",
        en: "Popek and Goldberg's 1974 result on which machines trap and emulate can virtualize: a hypervisor that runs guests directly and takes control only when they trap can be built if every sensitive instruction is privileged (traps when run outside the most privileged mode). The x86 before VT-x failed that condition, which is why binary translation and paravirtualization came first (full-para-hybrid).",
    },
    Term {
        id: "iommu",
        name_ko: "IOMMU (VT-d, AMD-Vi)",
        name_en: "IOMMU (VT-d, AMD-Vi)",
        forms: &["IOMMU", "IOMMUs", "VT-d", "AMD-Vi"],
        ko: "장치를 위한 MMU입니다(Intel VT-d, AMD-Vi): 장치가 DMA에 쓰는 주소를 하이퍼바이저의 페이지 테이블로 변환하므로, 게스트에 할당된 장치는 게스트 드라이버가 준 주소로 그 게스트의 메모리만 읽고 쓸 수 있습니다. 장치의 인터럽트도 다시 매핑합니다. 장치 패스스루를 안전하게 만드는 것이 이것입니다(io-paths).",
        en: "An MMU for devices (Intel VT-d, AMD-Vi): it translates the addresses a device uses for DMA through page tables of the hypervisor's, so that a device assigned to a guest reads and writes only that guest's memory, at the addresses the guest's driver gives it. It also remaps the device's interrupts. It is what makes device passthrough safe (io-paths).",
    },
    Term {
        id: "passthrough",
        name_ko: "장치 패스스루 (device passthrough)",
        name_en: "device passthrough",
        forms: &[
            "device passthrough",
            "passthrough",
            "pass-through",
            "device assignment",
            "장치 패스스루",
            "패스스루",
        ],
        ko: "실제 장치(네트워크 카드, 디스크 컨트롤러, 또는 SR-IOV 장치의 가상 기능 하나)를 게스트에게 통째로 주는 것입니다: 게스트의 드라이버가 장치 레지스터를 직접 읽고 쓰며, IOMMU가 장치의 DMA를 그 게스트의 메모리 안에 가둡니다. 경로에 장치 모델도 백엔드도 없고 인터럽트만 하이퍼바이저를 거칩니다(posted interrupt가 없으면). 대신 장치를 나눠 쓸 수 없고 라이브 마이그레이션이 어려워집니다(io-paths).",
        en: "Giving a guest a real device of its own (a network card, a disk controller, or one SR-IOV virtual function of one): the guest's driver reads and writes the device's registers directly, and the IOMMU keeps the device's DMA inside that guest's memory. No device model or back end is left in the path, only the interrupt, which goes through the hypervisor unless posted interrupts deliver it; the price is that the device is not shared and live migration gets hard (io-paths).",
    },
    Term {
        id: "msr",
        name_ko: "MSR (WRMSR)",
        name_en: "MSR (WRMSR)",
        forms: &[
            "MSR",
            "MSRs",
            "WRMSR",
            "RDMSR",
            "MSR write",
            "MSR writes",
            "MSR-write",
            "MSR 쓰기",
        ],
        ko: "모델별 레지스터(model-specific register): 타이머, APIC, 전원, 성능 카운터 등을 다루는 x86 CPU의 번호 붙은 제어 레지스터 수백 개 가운데 하나로, RDMSR 명령으로 읽고 WRMSR로 쓰며 둘 다 특권 명령입니다. 하이퍼바이저는 게스트의 MSR 접근 일부는 그대로 두고 나머지는 exit하게 합니다(CLI의 msr_write). 여기서 게스트의 MSR 쓰기는 다음 타이머 틱을 맞출 때(TSC deadline 타이머)와, APICv 없는 x2APIC 모드에서 EOI마다 exit합니다.",
        en: "A model-specific register: one of the hundreds of numbered control registers of an x86 CPU (timers, the APIC, power, performance counters...), read with the RDMSR instruction and written with WRMSR, both privileged. A hypervisor lets some of a guest's MSR accesses run directly and makes others exit (msr_write in the CLI); here a guest's MSR writes exit to re-arm its timer for the next tick (the TSC-deadline timer) and, in x2APIC mode without APICv, for every EOI.",
    },
    Term {
        id: "rdp",
        name_ko: "RDP (원격 데스크톱 프로토콜)",
        name_en: "RDP (Remote Desktop Protocol)",
        forms: &["RDP", "Remote Desktop Protocol", "원격 데스크톱 프로토콜"],
        ko: "Microsoft의 원격 화면 프로토콜로, Windows의 원격 데스크톱 서비스(세션 호스트)와 Windows 데스크톱 VM이 화면을 보내고 키보드·마우스 입력을 받는 데 씁니다. 할 수 있으면 그리기 명령과 캐시한 글리프를, 아니면 압축한 비트맵이나 H.264 동영상을 보내며, TCP 위에서, RDP 8부터는 UDP 위에서도 동작합니다(session-host-vs-vdi, vdi-network).",
        en: "Microsoft's remote display protocol, with which Windows' Remote Desktop Services (session hosts) and Windows desktop VMs send their screens and take keyboard and mouse input. It sends drawing orders and cached glyphs where it can, compressed bitmaps or H.264 video where it cannot, over TCP, or UDP since RDP 8 (session-host-vs-vdi, vdi-network).",
    },
    Term {
        id: "blast",
        name_ko: "Blast (VMware Blast Extreme)",
        name_en: "Blast (VMware Blast Extreme)",
        forms: &["Blast protocol", "Blast Extreme", "Blast 프로토콜"],
        ko: "VMware Horizon의 원격 화면 프로토콜입니다(Blast Extreme, Horizon 7부터). 바뀌는 화면을 동영상(기본은 H.264, 정지 화면은 JPEG/PNG)으로 인코딩해 TCP나 UDP로 보냅니다. Horizon은 데스크톱 VM과 RDS 호스트의 세션 모두를 이것으로 제공합니다(seed-table-full).",
        en: "VMware Horizon's remote display protocol (Blast Extreme, since Horizon 7): it encodes the changing screen as video (H.264 by default, JPEG/PNG for still images) and sends it over TCP or UDP. Horizon serves both desktop VMs and sessions on RDS hosts with it (seed-table-full).",
    },
    Term {
        id: "utilization-ceiling",
        name_ko: "사용 상한 (밀도 계산)",
        name_en: "utilization ceiling (density)",
        forms: &[
            "utilization ceiling",
            "80% utilization",
            "80% busy",
            "사용 상한",
            "이용률 80%",
            "80% 사용",
        ],
        ko: "이 시뮬레이터의 밀도 계산에서 인스턴스들이 쓰도록 계획하는 호스트 CPU의 몫입니다: 기본값은 코어의 80%(density_max_cpu_percent)이고, Type 2 호스트에서는 호스트 자신의 프로그램이 쓰는 만큼을 뺍니다. CPU 기준 밀도는 그만큼의 코어를 인스턴스 하나가 네이티브 속도를 내는 데 필요한 CPU로 나눈 값(내림)입니다. 실행이 지키게 하는 한계가 아니라 계획상의 여유입니다(startup-density, consolidation-density, 비교표의 OS 유무 행).",
        en: "In this simulator's density figure, the share of the host's CPU the instances are planned to use: 80% of the cores by default (density_max_cpu_percent), less what a type 2 host's own programs take. The CPU bound of density is those cores divided by the CPU one instance needs to keep up with native, rounded down. It is a planning margin, not a limit the run enforces (startup-density, consolidation-density, the comparison table's OS requirement row).",
    },
    // The third review (2026-12-07): operating-system and x86 words the descriptions use
    // (system calls, page tables, traps, rings, CR3, INVLPG, VPID, IDE, iret, mmu_update,
    // fork/exec) and the remote display's network and video words.
    Term {
        id: "system-call",
        name_ko: "시스템 콜 (system call)",
        name_en: "system call",
        forms: &["system call", "system calls", "system-call", "시스템 콜", "시스템 호출"],
        ko: "프로그램이 OS 커널에 일을 부탁하는 것입니다(파일 읽기, 패킷 보내기, 프로세스 시작 등). 특별한 명령(x86-64의 SYSCALL)이 CPU를 사용자 모드에서 커널로(링 3에서 링 0으로) 넘기고, SYSRET로 돌아옵니다. 이 시뮬레이터에서 네이티브 왕복은 242 사이클이며(Adams & Agesen, ASPLOS 2006), 하드웨어 지원과 컨테이너에서도 exit 없이 같습니다(컨테이너는 seccomp 필터를 더합니다). 바이너리 변환에서는 시스템 콜마다 VMM에 들어가고(2308 사이클, 같은 논문), 64비트 반가상화 게스트의 시스템 콜은 하이퍼바이저를 거쳐 들어가 iret 하이퍼콜로 돌아옵니다.",
        en: "A program's request to its OS kernel (to read a file, send a packet, start a process), made with a special instruction (SYSCALL on x86-64) that takes the CPU from user mode into the kernel (ring 3 to ring 0) and back (SYSRET). The round trip costs 242 cycles natively here (Adams & Agesen, ASPLOS 2006), and the same under hardware assist and in a container, with no exit (a container adds its seccomp filter). Under binary translation every system call enters the VMM (2308 cycles, the same paper), and a 64-bit paravirtual guest's goes in through the hypervisor and back by an iret hypercall.",
    },
    Term {
        id: "page-table",
        name_ko: "페이지 테이블 (page table)",
        name_en: "page table",
        forms: &["page table", "page tables", "page-table", "페이지 테이블"],
        ko: "CPU의 MMU가 가상 주소를 물리 주소로 바꿀 때 따라가는 메모리 속 표입니다. x86-64에서는 4단계 트리이고 주소 공간마다 하나씩 있으며, OS 커널이 쓰고 그 뿌리의 주소는 CR3에 있습니다. TLB가 그 변환 결과를 캐시합니다. VM에서는 게스트의 페이지 테이블이 게스트 물리 메모리까지만 이르므로, 하이퍼바이저가 마지막 단계를 어떻게 더하는지가 메모리에서 기법들을 가릅니다: 섀도 페이지 테이블(바이너리 변환, EPT 없는 하드웨어 지원), 중첩 페이징(EPT/NPT), 또는 하이퍼바이저가 검사하는 게스트 자신의 테이블(반가상화, mmu_update). 여기서 페이지 테이블 쓰기 한 번은 네이티브와 중첩 페이징에서 1 사이클, 바이너리 변환에서 391 사이클(Adams & Agesen, ASPLOS 2006), 반가상화에서 약 150 사이클과 묶음 하이퍼콜의 몫, 섀도 테이블을 쓰는 하드웨어 지원에서 약 9430 사이클입니다(memory-shadow-vs-nested).",
        en: "The table in memory through which the CPU's MMU translates a virtual address into a physical one: a tree of four levels on x86-64, one per address space, which the OS kernel writes and whose root's address CR3 holds; the TLB caches its translations. In a VM the guest's page tables lead only to guest-physical memory, and how the hypervisor adds the last step sets the techniques apart on memory: shadow page tables (binary translation, hardware assist without EPT), nested paging (EPT/NPT), or the guest's own tables checked by the hypervisor (paravirtualization, mmu_update). Here a page-table write costs 1 cycle natively and under nested paging, 391 under binary translation (Adams & Agesen, ASPLOS 2006), about 150 and a share of a batched hypercall under paravirtualization, and about 9430 under hardware assist with shadow tables (memory-shadow-vs-nested).",
    },
    Term {
        id: "trap",
        name_ko: "트랩 (trap, 트랩과 에뮬레이션)",
        name_en: "trap (trap and emulate)",
        forms: &[
            "trap",
            "traps",
            "trapped",
            "trapping",
            "trap and emulate",
            "trap-and-emulate",
            "트랩",
            "트랩과 에뮬레이션",
        ],
        ko: "실행 중인 코드에서 더 높은 권한의 핸들러로 CPU가 넘어가는 것으로, 명령이나 사건 자체가 일으킵니다: 페이지 폴트, 시스템 콜, 링 0 밖에서 실행한 특권 명령 등. 트랩과 에뮬레이션은 고전적인 가상화 방법입니다: 게스트 커널을 낮은 권한으로 실행하고, 민감한 명령이 하이퍼바이저로 트랩되면 하이퍼바이저가 그 효과를 흉내 낸 뒤 게스트를 재개합니다(VT-x 전의 x86에는 트랩되지 않는 민감한 명령이 있었습니다: 포펙-골드버그 조건이 성립하지 않음). 하드웨어 지원에서는 이런 트랩이 VM exit이고, 바이너리 변환은 변환된 코드에서 VMM을 직접 호출하며(트랩 없음), 반가상화 게스트는 하이퍼콜로 부릅니다. 차트 탭의 '원인별 exit·트랩'은 VM exit와, VM exit가 아닌 트랩(바이너리 변환의 시스템 콜, 64비트 반가상화의 바운스)을 함께 셉니다.",
        en: "The CPU's switch from the running code into a more privileged handler, caused by the instruction or event itself: a page fault, a system call, a privileged instruction run outside ring 0. Trap and emulate is the classic way to virtualize: the guest kernel runs with less privilege, and when a sensitive instruction traps into the hypervisor, the hypervisor emulates its effect and resumes the guest (x86 before VT-x had sensitive instructions that did not trap: Popek-Goldberg). Under hardware assist such a trap is a VM exit; binary translation calls the VMM from translated code instead (no trap), and a paravirtual guest calls it by hypercall. The Charts tab's 'Exits and traps by reason' counts the VM exits and the traps that are not VM exits (binary translation's system calls, 64-bit paravirtualization's bounces).",
    },
    Term {
        id: "ring-0",
        name_ko: "링 0 (특권 링)",
        name_en: "ring 0 (privilege rings)",
        forms: &[
            "ring 0",
            "ring-0",
            "ring 3",
            "privilege ring",
            "privilege rings",
            "링 0",
            "링 3",
            "특권 링",
        ],
        ko: "x86의 권한 수준인 링 0~3입니다. 커널은 특권 명령(CR3 쓰기, INVLPG, HLT 등)이 허용되는 링 0에서, 응용 프로그램은 링 3에서 실행됩니다. OS는 자기 커널이 링 0에 있다고 기대하지만, VT-x 전의 하이퍼바이저는 링 0을 자기가 쓰고 게스트 커널을 낮은 권한으로 실행했습니다: 바이너리 변환으로 변환하거나, 반가상화에서는 링 1(32비트 Xen)이나 링 3(64비트 Xen: 그래서 시스템 콜 바운스와 iret 하이퍼콜이 생깁니다)에서. VT-x와 AMD-V는 게스트 모드 안에 게스트만의 링 0을 줍니다. Type 2 하이퍼바이저의 'ring-0 부분'은 호스트 커널 안에서 실행되는 그 모듈입니다.",
        en: "x86's privilege levels, rings 0 to 3: the kernel runs in ring 0, where privileged instructions (writing CR3, INVLPG, HLT...) are allowed, and applications in ring 3. An OS expects its kernel in ring 0, but before VT-x a hypervisor kept ring 0 for itself and ran the guest kernel with less privilege: translated by binary translation or, paravirtualized, in ring 1 (32-bit Xen) or ring 3 (64-bit Xen, hence its system-call bounces and iret hypercalls). VT-x and AMD-V give the guest a ring 0 of its own in guest mode. A type 2 hypervisor's 'ring-0 part' is its module running in the host kernel.",
    },
    Term {
        id: "cr3",
        name_ko: "CR3 (제어 레지스터 3)",
        name_en: "CR3 (control register 3)",
        forms: &["CR3"],
        ko: "현재 주소 공간의 최상위 페이지 테이블의 물리 주소를 담는 x86 제어 레지스터입니다. 커널은 다른 프로세스의 주소 공간으로 바꿀 때마다 여기에 쓰고, 그 쓰기는 TLB에서 이전 주소 공간의 항목을 비웁니다(전역 페이지와, PCID로 항목을 구분하는 CPU는 예외). 섀도 페이징에서는 하이퍼바이저가 CR3 쓰기를 모두 잡아 맞는 섀도 테이블로 바꿔야 합니다: 여기서는 VM exit에 섀도 작업 약 2121 사이클(추정값)이 더해지고, 그 주소 공간의 섀도를 다시 만들어야 하면 더 듭니다(shadow-hidden-faults). 중첩 페이징(EPT/NPT)에서는 게스트가 exit 없이 CR3에 씁니다.",
        en: "The x86 control register that holds the physical address of the current address space's top-level page table. The kernel writes it at every switch to another process's address space, and the write drops the old address space's entries from the TLB (except global pages, and on a CPU that tags entries with PCIDs). Under shadow paging the hypervisor must catch every CR3 write to switch to the matching shadow table: here a VM exit plus about 2121 cycles of shadow work (an estimate), more when that address space's shadow has to be built again (shadow-hidden-faults). Under nested paging (EPT/NPT) the guest writes CR3 without an exit.",
    },
    Term {
        id: "invlpg",
        name_ko: "INVLPG (TLB 항목 무효화)",
        name_en: "INVLPG (invalidate a TLB entry)",
        forms: &["INVLPG"],
        ko: "TLB에서 한 페이지의 변환을 지우는 x86 특권 명령으로, 커널이 그 페이지의 페이지 테이블 항목을 바꾸거나 지운 뒤 실행합니다(다른 CPU에서는 TLB 슛다운으로). 섀도 페이징에서는 하이퍼바이저가 이를 가로채 섀도 항목도 지웁니다: 하드웨어 지원에서는 VM exit(CLI의 invlpg), 바이너리 변환에서는 변환된 코드의 호출이고, 여기서는 핸들러 작업 약 500 사이클(추정값)이 더해집니다. 중첩 페이징(EPT/NPT)에서는 게스트 안에서 exit 없이 실행됩니다.",
        en: "The privileged x86 instruction that drops one page's translation from the TLB, which a kernel runs after changing or removing that page's page-table entry (on the other CPUs, by a TLB shootdown). Under shadow paging the hypervisor intercepts it to drop the shadow entry as well: a VM exit under hardware assist (invlpg in the CLI), a call from translated code under binary translation, and about 500 cycles of handler work here (an estimate). Under nested paging (EPT/NPT) it runs in the guest without an exit.",
    },
    Term {
        id: "vpid",
        name_ko: "VPID (가상 프로세서 ID)",
        name_en: "VPID (virtual processor ID)",
        forms: &["VPID", "VPIDs", "ASID", "ASIDs"],
        ko: "TLB 항목에 붙어 그 항목이 어느 VM의 것인지 알려 주는 꼬리표입니다(Intel은 Nehalem(2008)부터 VPID, AMD는 첫 AMD-V부터 ASID). 이것이 있으면 VM exit와 그 뒤의 VM entry가 TLB를 그대로 두고, 없으면 exit마다 TLB가 비워져, 게스트로 돌아온 뒤 TLB에 있던 항목마다 미스가 나고 페이지 테이블을 다시 탐색합니다. 이 시뮬레이터는 그 다시 채우기를 exit마다 경로의 한 단계('VPID 없음: exit가 TLB를 비움')로 더합니다(virtualization-costs.md 7절). exit-cost-by-cpu-generation의 2005년 Prescott에는 VPID가 없어서, 타이머 틱에서만 exit하는 CPU 위주 게스트는 다시 채우기에 exit 자체보다 많은 사이클을 씁니다.",
        en: "A tag on TLB entries saying which VM they belong to: Intel's VPID since Nehalem (2008), AMD's ASID since the first AMD-V. With it a VM exit and the entry after it leave the TLB as it was; without it every exit flushes the TLB, and back in the guest each entry it held is missed and walked again. This simulator adds that refill to every exit's path as the step 'no VPID: the exit flushed the TLB' (virtualization-costs.md section 7). The 2005 Prescott of exit-cost-by-cpu-generation has no VPID, and there a CPU-bound guest that exits only at its timer ticks spends more cycles on the refill than on the exit itself.",
    },
    Term {
        id: "ide",
        name_ko: "IDE (ATA 디스크 인터페이스)",
        name_en: "IDE (ATA disk interface)",
        forms: &["IDE"],
        ko: "PC의 고전적인 디스크 인터페이스(Integrated Drive Electronics, 병렬 ATA)입니다. 모든 OS에 드라이버가 있어서 하이퍼바이저는 수정하지 않은 게스트를 위해 IDE 컨트롤러를 에뮬레이션합니다. 드라이버는 I/O 포트로 레지스터를 하나씩(섹터 수, 주소, 명령 등) 프로그래밍하고, 컨트롤러는 명령을 한 번에 하나만 처리합니다: 명령을 32개까지 쌓는 NCQ는 SATA의 AHCI와 함께 왔습니다. 이 시뮬레이터의 에뮬레이션 디스크는 IDE 방식입니다: 요청마다 레지스터 접근이 약 5번이고 하나하나가 장치 모델로 트랩되며, 진행 중인 요청은 한 번에 하나입니다(io-paths).",
        en: "The PC's classic disk interface (Integrated Drive Electronics, parallel ATA). Every OS has a driver for it, so hypervisors emulate an IDE controller for unmodified guests. The driver programs it through I/O ports register by register (sector count, address, command...), and it takes one command at a time: queueing up to 32 commands (NCQ) came with SATA's AHCI. This simulator's emulated disk is IDE-like: about 5 register accesses per request, each trapped into the device model, and one request in flight at a time (io-paths).",
    },
    Term {
        id: "iret",
        name_ko: "iret (IRET 명령, Xen의 iret 하이퍼콜)",
        name_en: "iret (IRET, Xen's iret hypercall)",
        forms: &["iret"],
        ko: "IRET는 인터럽트나 예외의 핸들러에서 중단된 코드로 돌아가며 그 권한 수준을 되돌리는 x86 명령입니다. 64비트 Xen 반가상화 게스트의 커널은 링 3에서 실행되어 스스로 사용자 코드로 돌아갈 수 없으므로 iret 하이퍼콜(HYPERVISOR_iret)로 Xen에 부탁합니다(Linux의 xen_sysret64는 시스템 콜 뒤에도 이것을 씁니다). 그래서 시스템 콜과 페이지 폴트마다 하이퍼바이저를 두 번 넘나듭니다: 바운스로 들어가고 iret로 돌아오며, 이 시뮬레이터는 돌아오는 쪽을 하이퍼콜 하나로 계산합니다(full-para-hybrid).",
        en: "IRET is the x86 instruction that returns from an interrupt or exception handler to the interrupted code, restoring its privilege level. A 64-bit Xen paravirtual guest's kernel runs in ring 3 and cannot return to user code by itself: it asks Xen with the iret hypercall (HYPERVISOR_iret; Linux's xen_sysret64 uses it after a system call too). So each of its system calls and page faults crosses into the hypervisor twice, bounced in and returned by iret, which this simulator charges as one hypercall (full-para-hybrid).",
    },
    Term {
        id: "mmu-update",
        name_ko: "mmu_update (Xen 하이퍼콜)",
        name_en: "mmu_update (Xen hypercall)",
        forms: &["mmu_update"],
        ko: "반가상화 게스트가 자기 페이지 테이블을 고칠 때 쓰는 Xen 하이퍼콜입니다. 페이지 테이블은 게스트에게 읽기 전용으로 매핑되어 있으므로, 게스트는 쓸 항목의 목록을 Xen에 넘기고 Xen은 하나하나 검사한 뒤(게스트 자신의 페이지인지, 어떤 페이지 테이블도 게스트가 쓸 수 있게 되지 않는지) 씁니다(Barham 외, SOSP 2003). 목록이 길어도 넘나드는 것은 한 번입니다. 여기서는 항목마다 검사 약 150 사이클(pv_pte_validate, 추정값)과 항목 32개마다 하이퍼콜 한 번(pv_mmu_batch)이 들고, 페이지 폴트의 항목 하나는 혼자 갑니다(memory-shadow-vs-nested).",
        en: "The Xen hypercall with which a paravirtual guest changes its page tables: they are mapped read-only to it, so it hands Xen a list of entries to write, and Xen checks each (the page must be the guest's own, and no page table may become writable to it) before writing it (Barham et al., SOSP 2003). A long list still pays for one crossing. Here each entry costs about 150 cycles of checking (pv_pte_validate, an estimate) and each 32 entries one hypercall (pv_mmu_batch); a page fault's single entry goes alone (memory-shadow-vs-nested).",
    },
    Term {
        id: "fork-exec",
        name_ko: "fork/exec (프로세스 생성)",
        name_en: "fork/exec (process creation)",
        forms: &["fork/exec", "fork", "exec", "execve"],
        ko: "유닉스가 프로그램을 시작하는 방법입니다. fork가 호출한 프로세스를 복사하고(메모리는 copy-on-write로 함께 쓰므로 두 프로세스의 페이지 테이블을 고쳐 쓰고, 나중의 쓰기는 폴트를 냅니다), exec(execve)가 그 복사본의 메모리를 새 프로그램으로 바꾸며, 그 페이지들은 처음 건드릴 때 폴트로 들어옵니다. 둘 다 섀도 페이징이 비싸게 만드는 페이지 테이블 쓰기와 페이지 폴트가 많습니다(memory-shadow-vs-nested의 page-table-churn은 fork/mmap 같은 작업입니다). 컨테이너의 시작은 진입점의 exec로 끝나며, 그것은 호스트 커널에서의 시스템 콜과 페이지 폴트입니다(startup-techniques).",
        en: "How Unix starts a program: fork copies the calling process (its memory shared copy-on-write, so the page tables of both are rewritten, and later writes fault), then exec (execve) replaces the copy's memory with a new program, whose pages fault in as they are first touched. Both are heavy on page-table writes and page faults, the operations shadow paging makes expensive (memory-shadow-vs-nested's page-table-churn is fork/mmap-like). A container's start ends with the exec of its entrypoint: system calls and page faults on the host kernel (startup-techniques).",
    },
    Term {
        id: "h264",
        name_ko: "H.264 (AVC 동영상 코덱)",
        name_en: "H.264 (AVC video codec)",
        forms: &["H.264"],
        ko: "가장 널리 쓰이는 동영상 압축 표준입니다(ITU-T H.264 / MPEG-4 AVC, 2003). 그림 전체가 아니라 주로 앞 프레임에서 예측하고 남은 차이를 보냅니다. 원격 화면 프로토콜은 동영상을, VMware의 Blast는 화면 전체를 이것으로 인코딩합니다. 여기서 동영상 창은 바뀐 픽셀마다 프레임당 약 0.07비트(Kush 기준)와 서버에서 픽셀당 인코더 14.5 사이클(추정값: 3 GHz 코어 하나가 1080p를 초당 약 100프레임 인코딩)이 듭니다(vdi-network).",
        en: "The most widely used video compression standard (ITU-T H.264 / MPEG-4 AVC, 2003): it sends mostly what is left after predicting each frame from earlier ones, not whole pictures. Remote display protocols encode video with it, and VMware's Blast the whole screen. Here a video window costs about 0.07 bits per changed pixel per frame (the Kush gauge) and 14.5 encoder cycles per pixel on the server (an estimate: a 3 GHz core encoding 1080p at about 100 frames per second) (vdi-network).",
    },
    Term {
        id: "kush-gauge",
        name_ko: "Kush 기준 (Kush gauge)",
        name_en: "Kush gauge",
        forms: &["Kush gauge", "Kush 기준"],
        ko: "H.264 동영상에 필요한 비트율의 어림 규칙입니다: 가로 × 세로 × 초당 프레임 수 × 움직임 등급 × 0.07비트이며, 움직임 등급은 움직임이 적으면 1, 보통이면 2, 많으면 4입니다(K. Amerasinghe, \"H.264 for the rest of us\", Adobe, 2010). 이 시뮬레이터는 움직임 등급 1을 씁니다: 1920 × 1080 화면의 4분의 1인 동영상 창을 초당 30프레임으로 보내면 약 518,000 × 30 × 0.07 ≈ 1.1 Mbit/s입니다(vdi-network). 코덱이 보장하는 값이 아니라 계획을 위한 추정입니다.",
        en: "A rule of thumb for the bit rate H.264 video needs: width × height × frames per second × motion rank × 0.07 bits, the motion rank 1 for little motion, 2 for some and 4 for a lot (K. Amerasinghe, \"H.264 for the rest of us\", Adobe, 2010). This simulator takes motion rank 1: a video window a quarter of a 1920 × 1080 screen, at 30 frames per second, needs about 518,000 × 30 × 0.07 ≈ 1.1 Mbit/s (vdi-network). An estimate for planning, not a figure the codec guarantees.",
    },
    Term {
        id: "tail-loss-probe",
        name_ko: "tail-loss probe (TLP, 테일 로스 프로브)",
        name_en: "tail-loss probe (TLP)",
        forms: &[
            "tail-loss probe",
            "tail-loss probes",
            "tail loss probe",
            "tail loss probes",
        ],
        ko: "잃어버린 마지막 패킷을 찾아내는 TCP의 방법입니다(RFC 8985, 7절). 보통은 잃은 패킷 뒤의 패킷들에 대한 ACK가 빈틈을 알려 주지만, 마지막 패킷 뒤에는 아무것도 없습니다. probe 타임아웃 PTO(평활 왕복 시간의 2배, 패킷 하나만 전송 중이면 수신자의 지연 ACK 여유 200 ms를 더함) 안에 ACK가 오지 않으면 송신자가 마지막 패킷을 다시 보내되, 재전송 타임아웃보다 늦지는 않습니다. vdi-network에서는 화면 갱신의 마지막 패킷을 잃으면 왕복 두 번, 패킷 하나짜리 입력이나 갱신을 잃으면 왕복 한 번과 200 ms(여기서 Linux의 재전송 타임아웃)가 더 걸립니다.",
        en: "TCP's way to find a lost last packet (RFC 8985, section 7): a lost packet is normally reported by the ACKs of the packets behind it, but a last packet has none behind it. If no ACK comes within the probe timeout, PTO (twice the smoothed round-trip time, plus the receiver's delayed-ACK allowance of 200 ms when one packet alone is in flight), the sender sends the last packet again, though never later than the retransmission timeout would. In vdi-network a lost last packet of an update costs two more round trips; a lost one-packet input or update one round trip and 200 ms, Linux's retransmission timeout here.",
    },
    Term {
        id: "delayed-ack",
        name_ko: "지연 ACK (delayed ACK)",
        name_en: "delayed ACK",
        forms: &[
            "delayed ACK",
            "delayed ACKs",
            "delayed-ACK",
            "delayed acknowledgement",
            "delayed acknowledgment",
            "지연 ACK",
        ],
        ko: "TCP 수신자는 데이터와 함께 보내거나 세그먼트 두 개를 한 번에 확인하려고 ACK를 잠시 미룰 수 있습니다. RFC 1122(4.2.3.2절)는 0.5초보다 짧게 미루고 최대 크기 세그먼트 두 개마다 적어도 ACK 하나를 보내라고 하며, Linux는 40~200 ms를 미룹니다. 패킷 하나의 ACK를 기다리는 송신자는 이를 감안해야 합니다: 패킷 하나만 전송 중일 때 tail-loss probe가 기다리는 200 ms가 그것입니다(RFC 8985, 7.2절; vdi-network).",
        en: "A TCP receiver may hold its acknowledgement back for a while, to send it along with data or to acknowledge two segments at once: RFC 1122 (section 4.2.3.2) asks for a delay under 0.5 s and an ACK for at least every second full-sized segment, and Linux delays 40 to 200 ms. A sender waiting for the ACK of a single packet has to allow for it: that is the 200 ms a tail-loss probe adds when one packet alone is in flight (RFC 8985, section 7.2; vdi-network).",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(pieces: &[Piece]) -> String {
        pieces.iter().map(Piece::text).collect()
    }

    fn terms_in(text: &str) -> Vec<&'static str> {
        split(text)
            .iter()
            .filter_map(|p| match p {
                Piece::Term { term, .. } => Some(TERMS[*term].id),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn terms_are_found_only_as_whole_words() {
        assert!(terms_in("OVERLOAD of SAMPLES, a SAMPLE, UNDERDOG, BOOSTER").is_empty());
        assert!(terms_in("steal_time and credit2, vCPUx, TLBX, hw-no-ple").is_empty());
        assert!(terms_in("'hybrid-pv' and tlb-shootdown, non-PV").is_empty());
        assert_eq!(terms_in("an OVER vCPU"), ["over", "vcpu"]);
        assert_eq!(terms_in("(PLE)"), ["ple"]);
        assert_eq!(terms_in("PLE를 켜면 vCPU가"), ["ple", "vcpu"]);
        // Lowercase "over" is an English word, not the priority.
        assert!(terms_in("over and under the boost").is_empty());
        // A Hangul term inside a longer Hangul word is not the term; particles may follow.
        assert!(terms_in("이상한 결과").is_empty());
        assert_eq!(terms_in("상한이 걸린"), ["cap"]);
    }

    /// The expert's review: quoted platform and setting names are names, not terms; the
    /// scheduler's name is not its allowance; the guest's timer tick is not the host's.
    #[test]
    fn quoted_names_and_other_senses_are_not_marked_as_the_term() {
        assert_eq!(
            terms_in("'weights' runs two VMs, each with a weight"),
            ["weight"]
        );
        assert_eq!(
            terms_in("'weights'는 VM 둘을 실행하고 가중치는"),
            ["weight"]
        );
        assert!(terms_in("Change both to \"credit\" and 'capped' limits").is_empty());
        // An apostrophe inside a word opens no quote.
        assert_eq!(terms_in("the overview's table"), ["overview"]);
        assert_eq!(terms_in("change the seed's value"), ["seed"]);
        assert_eq!(terms_in("a Xen credit cap"), ["cap"]);
        assert_eq!(terms_in("with credit weight 768"), ["weight"]);
        assert_eq!(terms_in("'weights'는 credit 가중치 768인 VM"), ["weight"]);
        assert_eq!(terms_in("Xen 크레딧 유사 스케줄러"), ["credit-scheduler"]);
        assert_eq!(terms_in("arm the next timer tick"), ["timer-tick"]);
        assert_eq!(terms_in("at the scheduler's next tick"), ["tick"]);
        // A hypervisor's kind and the word are one mark.
        assert_eq!(
            terms_in("a type 1 hypervisor, then a hypervisor"),
            ["type-1", "hypervisor"]
        );
        assert_eq!(terms_in("Type 2 하이퍼바이저 위"), ["type-2"]);
        // A command-line column quoted by its name is marked inside its quotes.
        assert_eq!(
            terms_in("Look at 'vs native' and hyp%"),
            ["vs-native", "hyp-percent"]
        );
        let pieces = split("db's 'vs native' in");
        assert!(
            pieces.contains(&Piece::Term {
                text: "vs native",
                term: TERMS.iter().position(|t| t.id == "vs-native").unwrap()
            }),
            "{pieces:?}"
        );
        assert_eq!(joined(&pieces), "db's 'vs native' in");
        assert_eq!(
            terms_in("db의 '네이티브 대비'와 '하이퍼%'"),
            ["vs-native", "hyp-percent"]
        );
        // The command line's headings: the whole heading, not the hypervisor in it.
        assert_eq!(
            terms_in("'하이퍼바이저%'와 '장치 백엔드%'"),
            ["hyp-percent", "emu-percent"]
        );
        // An unclosed quote quotes nothing.
        assert_eq!(terms_in("'an OVER vCPU"), ["over", "vcpu"]);
        // Code in backticks is a setting's name, shown as code: no term inside.
        assert_eq!(
            terms_in("vCPUs poll (`halt_poll_us = 200`) on a vCPU"),
            ["vcpu"]
        );
        assert!(terms_in("(`vcpus = 1`)를").is_empty());
    }

    #[test]
    fn the_longest_spelling_wins_and_each_term_is_marked_once() {
        assert_eq!(terms_in("an EPT violation"), ["ept-violation"]);
        assert_eq!(
            terms_in("EPT, then an EPT violation"),
            ["nested-paging", "ept-violation"]
        );
        assert_eq!(
            terms_in("the credit scheduler's credit"),
            ["credit-scheduler", "credit"]
        );
        assert_eq!(terms_in("BOOST, BOOST and BOOST"), ["boost"]);
        // A term marked before still hides the shorter spellings inside it.
        assert_eq!(
            terms_in("PV spinlocks, PV spinlocks, PV"),
            ["pv-spinlock", "paravirtualization"]
        );
        assert_eq!(
            terms_in("credit scheduler, credit scheduler"),
            ["credit-scheduler"]
        );
        let pieces = split("BOOST, BOOST");
        let boost = TERMS.iter().position(|t| t.id == "boost").unwrap();
        assert_eq!(
            pieces[0],
            Piece::Term {
                text: "BOOST",
                term: boost
            }
        );
        assert_eq!(pieces[1], Piece::Text(", BOOST"));
    }

    #[test]
    fn lowercase_spellings_match_in_any_case() {
        assert_eq!(terms_in("Steal rises"), ["steal"]);
        assert_eq!(terms_in("P99"), ["p99"]);
        // Written in capitals, a spelling matches only so.
        assert!(terms_in("Boost and Ple").is_empty());
    }

    #[test]
    fn joining_the_pieces_gives_the_text_back() {
        let texts = [
            "",
            "PLE",
            "x PLE y",
            "섀도 페이지 테이블을 쓰는 bt와 EPT(중첩 페이징)는 TLB 미스에서 다릅니다.",
            "a vCPU's BOOST: UNDER → OVER (credit1), 30 ms accounting; µs ≤ p99",
        ];
        for text in texts {
            assert_eq!(joined(&split(text)), text);
        }
        for (file, toml) in crate::builtin::BUILTIN {
            let scenario = crate::sim::Scenario::from_toml(file, toml).expect("valid");
            if let Some(d) = scenario.description {
                assert_eq!(joined(&split(&d.en)), d.en, "{file}");
                assert_eq!(joined(&split(&d.ko)), d.ko, "{file}");
                // Paragraphs keep every character but the blank lines between them.
                for text in [&d.en, &d.ko] {
                    let kept: String = paragraphs(text).iter().map(|p| joined(p)).collect();
                    let squeeze =
                        |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                    assert_eq!(squeeze(&kept), squeeze(text), "{file}");
                }
            }
        }
    }

    #[test]
    fn blank_lines_part_paragraphs_and_a_term_is_marked_in_the_first_only() {
        let text = "BOOST here.\n\nNo BOOST, but PLE.\n  \n\nlast OVER\n";
        let paras = paragraphs(text);
        let texts: Vec<String> = paras.iter().map(|p| joined(p)).collect();
        assert_eq!(texts, ["BOOST here.", "No BOOST, but PLE.", "last OVER"]);
        let marked: Vec<usize> = paras
            .iter()
            .map(|p| p.iter().filter(|x| matches!(x, Piece::Term { .. })).count())
            .collect();
        assert_eq!(marked, [1, 1, 1]);
        // One line break is not a paragraph's end.
        assert_eq!(paragraphs("a\nb").len(), 1);
        assert!(paragraphs("\n\n  \n").is_empty());
    }

    #[test]
    fn every_term_has_both_languages_and_no_spelling_is_shared() {
        let mut seen = std::collections::BTreeMap::new();
        for (i, t) in TERMS.iter().enumerate() {
            for s in [t.name_ko, t.name_en, t.ko, t.en] {
                assert!(!s.trim().is_empty(), "{}", t.id);
            }
            assert!(t.ko.chars().any(hangul), "{}: Korean definition", t.id);
            assert!(!t.en.chars().any(hangul), "{}: English definition", t.id);
            assert!(!t.forms.is_empty(), "{}", t.id);
            assert!(t
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            for f in t.forms {
                if let Some(other) = seen.insert(f.to_ascii_lowercase(), t.id) {
                    panic!("{f} is a spelling of both {other} and {}", t.id);
                }
                // Every spelling is found as itself (no longer one of another term hides it).
                let found = split(f);
                assert_eq!(found, [Piece::Term { text: f, term: i }], "{f}");
            }
            assert!(TERMS[i + 1..].iter().all(|o| o.id != t.id), "{}", t.id);
        }
    }

    /// No dead entries: every term is used in some built-in scenario's description or in
    /// the page's own texts.
    #[test]
    fn every_term_appears_in_a_description_or_the_page() {
        let mut texts: Vec<String> = Vec::new();
        for (file, toml) in crate::builtin::BUILTIN {
            let scenario = crate::sim::Scenario::from_toml(file, toml).expect("valid");
            if let Some(d) = scenario.description {
                texts.push(d.en);
                texts.push(d.ko);
            }
        }
        for (_, ko, en) in crate::i18n::STRINGS {
            texts.push(ko.to_string());
            texts.push(en.to_string());
        }
        let mut used = vec![false; TERMS.len()];
        for text in &texts {
            for piece in split(text) {
                if let Piece::Term { term, .. } = piece {
                    used[term] = true;
                }
            }
        }
        let unused: Vec<&str> = TERMS
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| t.id)
            .collect();
        assert!(unused.is_empty(), "terms used nowhere: {unused:?}");
    }

    /// The terms the student's review named are in the glossary.
    #[test]
    fn the_reviews_terms_are_there() {
        for word in [
            "OVER",
            "UNDER",
            "BOOST",
            "credit",
            "weight",
            "cap",
            "accounting",
            "time slice",
            "PLE",
            "steal time",
            "VM exit",
            "world switch",
            "vCPU",
            "pCPU",
            "shadow page tables",
            "nested paging",
            "EPT",
            "NPT",
            "binary translation",
            "paravirtual",
            "virtio",
            "p99",
            "섀도 페이지 테이블",
            "중첩 페이징",
            "스틸",
            "가중치",
            "상한",
            "정산",
            "타임 슬라이스",
        ] {
            assert_eq!(terms_in(word).len(), 1, "{word}");
        }
    }

    /// Each built-in scenario's description marks each of its terms, in both languages.
    fn assert_marked_in_descriptions(cases: &[(&str, &[&str])]) {
        for (file, ids) in cases {
            let (_, toml) = crate::builtin::BUILTIN
                .iter()
                .find(|(f, _)| f == file)
                .unwrap_or_else(|| panic!("{file}"));
            let scenario = crate::sim::Scenario::from_toml(file, toml).expect("valid");
            let d = scenario.description.expect("described");
            for (lang, text) in [("en", &d.en), ("ko", &d.ko)] {
                let found = terms_in(text);
                for id in *ids {
                    assert!(found.contains(id), "{file} ({lang}): {id} not marked");
                }
            }
        }
    }

    /// The terms of the second review (container networking and storage, interrupts,
    /// the theory of trap and emulate, remote display, density) are marked in both
    /// languages' descriptions of the scenarios that use them.
    #[test]
    fn the_second_reviews_terms_are_marked_where_the_scenarios_use_them() {
        let cases: &[(&str, &[&str])] = &[
            (
                "containers-vs-vms.toml",
                &[
                    "seccomp",
                    "veth",
                    "bridge-nat",
                    "overlay-filesystem",
                    "bind-mount",
                    "halt-polling",
                ],
            ),
            (
                "full-para-hybrid.toml",
                &[
                    "eoi",
                    "apic",
                    "apicv",
                    "pv-ipi",
                    "async-page-fault",
                    "pvh",
                    "sensitive-instruction",
                    "popek-goldberg",
                    "msr",
                ],
            ),
            (
                "io-paths.toml",
                &["iommu", "passthrough", "apic", "eoi", "msr"],
            ),
            (
                "exit-cost-by-cpu-generation.toml",
                &["sensitive-instruction"],
            ),
            ("seed-table-full.toml", &["rdp", "blast"]),
            ("vdi-network.toml", &["rdp"]),
            ("startup-density.toml", &["utilization-ceiling"]),
            ("consolidation-density.toml", &["utilization-ceiling"]),
        ];
        assert_marked_in_descriptions(cases);
        // Other senses of the same words stay plain: a CPU's name, the scenario about a
        // fault's reach, the cap.
        for text in [
            "Sandy Bridge",
            "Ivy Bridge-EP",
            "fault blast radius",
            "CPU 상한",
        ] {
            let found = terms_in(text);
            assert!(
                !found
                    .iter()
                    .any(|t| ["bridge-nat", "blast", "utilization-ceiling"].contains(t)),
                "{text}: {found:?}"
            );
        }
    }

    /// The terms of the third review (2026-12-07: operating-system and x86 words, the
    /// remote display's network and video words) are marked in both languages'
    /// descriptions of the scenarios that use them, and never inside another word.
    #[test]
    fn the_third_reviews_terms_are_marked_where_the_scenarios_use_them() {
        let cases: &[(&str, &[&str])] = &[
            (
                "full-para-hybrid.toml",
                &[
                    "system-call",
                    "page-table",
                    "trap",
                    "ring-0",
                    "iret",
                    "fork-exec",
                ],
            ),
            (
                "exit-cost-by-cpu-generation.toml",
                &["cr3", "invlpg", "vpid"],
            ),
            (
                "memory-shadow-vs-nested.toml",
                &["mmu-update", "cr3", "invlpg", "vpid", "trap", "fork-exec"],
            ),
            ("shadow-hidden-faults.toml", &["cr3"]),
            ("io-paths.toml", &["ide", "trap"]),
            ("hosted-designs.toml", &["ring-0"]),
            ("type1-vs-type2.toml", &["system-call", "trap", "ring-0"]),
            ("startup-techniques.toml", &["fork-exec", "page-table"]),
            (
                "vdi-network.toml",
                &["h264", "kush-gauge", "tail-loss-probe", "delayed-ack"],
            ),
        ];
        assert_marked_in_descriptions(cases);
        // As written: the spellings in the descriptions' sentences.
        assert_eq!(terms_in("every register access traps"), ["trap"]);
        assert_eq!(
            terms_in("like real IDE it takes one command; 실제 IDE처럼"),
            ["ide"]
        );
        assert_eq!(terms_in("its ring-0 part"), ["ring-0"]);
        assert_eq!(terms_in("커널이 자기 링 0으로 실행되므로"), ["ring-0"]);
        assert_eq!(terms_in("back by an iret hypercall"), ["iret", "hypercall"]);
        assert_eq!(
            terms_in("(mmu_update hypercalls)"),
            ["mmu-update", "hypercall"]
        );
        assert_eq!(terms_in("not a fork/exec benchmark"), ["fork-exec"]);
        assert_eq!(
            terms_in("TCP's tail-loss probe, 200 ms of delayed-ACK allowance"),
            ["tail-loss-probe", "delayed-ack"]
        );
        assert_eq!(
            terms_in("H.264's rate by the Kush gauge"),
            ["h264", "kush-gauge"]
        );
        assert_eq!(
            terms_in("H.264의 Kush 기준(프레임마다"),
            ["h264", "kush-gauge"]
        );
        assert_eq!(
            terms_in("system-call bounces, 시스템 콜과 페이지 테이블 쓰기"),
            ["system-call", "page-table"]
        );
        // A longer term keeps its words: shadow page tables are not the page-table entry.
        assert_eq!(
            terms_in("shadow page tables, 섀도 페이지 테이블"),
            ["shadow-page-table"]
        );
        // Never inside another word, nor in another case where the spelling has capitals.
        for text in [
            "a guide to the side, inside the video; Ide, ide, IDEAL, IDE-like",
            "untrapped, entrapment, syscall_trap, trapdoor, trap-door",
            "string 0, ring-00, CR30, SCR3, VPIDX, INVLPGA",
            "executable, execution, exec_page_faults, forked, forks, forklift",
            "iretq, direct, H.2640, kush, Kushgauge",
            "page-table-churn, page_table_update, page-tables-x",
            "부트스트랩, 시스템콜",
        ] {
            let found = terms_in(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    /// The scenario's own terms, for the list above the glossary: each once, in the order
    /// the text first uses them, across paragraphs; none for a text without terms.
    #[test]
    fn a_descriptions_terms_are_listed_once_in_order() {
        let ids =
            |text: &str| -> Vec<&str> { terms_of(text).into_iter().map(|i| TERMS[i].id).collect() };
        assert_eq!(
            ids("A system call traps.\n\nThen CR3, a system call again, and a vCPU."),
            ["system-call", "trap", "cr3", "vcpu"]
        );
        assert!(ids("plain words only").is_empty());
        let (_, toml) = crate::builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "vdi-network.toml")
            .expect("in the library");
        let d = crate::sim::Scenario::from_toml("vdi-network.toml", toml)
            .expect("valid")
            .description
            .expect("described");
        for text in [&d.en, &d.ko] {
            let found = ids(text);
            for id in ["rtt", "rdp", "h264", "kush-gauge", "tail-loss-probe"] {
                assert!(found.contains(&id), "{id}: {found:?}");
            }
            let mut unique = found.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), found.len(), "{found:?}");
        }
    }

    #[test]
    fn the_list_is_sorted_by_name() {
        for lang in [Lang::Ko, Lang::En] {
            let names: Vec<String> = sorted(lang)
                .iter()
                .map(|t| t.name(lang).to_lowercase())
                .collect();
            assert!(names.windows(2).all(|w| w[0] <= w[1]));
            assert_eq!(names.len(), TERMS.len());
        }
    }
}

//! The seed's comparison table filled with a run's figures: for each platform and row, the
//! seed's words beside what this run measured.

use crate::platform::PlatformKind;
use crate::results::PlatformResult;
use crate::sweep::SweepResult;
use crate::table::{
    note_mark, ComparisonTable, SeedColumn, TableCell, TableColumn, TableNote, TableRow,
};
use crate::text::{figure_list, Lang, Text};

/// The seed's table with a column per platform: the seed's words and this run's figures
/// (with the run's sweep, where it has one).
pub(super) fn build(platforms: &[PlatformResult], sweep: Option<&SweepResult>) -> ComparisonTable {
    let mut columns: Vec<TableColumn> = platforms
        .iter()
        .map(|p| {
            let class = SeedColumn::of(p.kind);
            let heading = class.heading();
            TableColumn {
                platform: p.name.clone(),
                class,
                heading: Text::new(
                    format!("{}: {}", heading.en, p.name),
                    format!("{}: {}", heading.ko, p.name),
                ),
                cells: TableRow::ALL
                    .iter()
                    .map(|&row| TableCell {
                        seed: class.seed_text(row),
                        measured: join(
                            join(
                                join(measured_cell(p, row), session_host_note(p, row)),
                                desktop_isolation_note(p, row),
                            ),
                            sweep_missed_note(p, row, sweep),
                        ),
                    })
                    .collect(),
            }
        })
        .collect();
    let notes = number_notes(&mut columns, platforms);
    ComparisonTable {
        rows: TableRow::ALL.to_vec(),
        row_headings: TableRow::ALL.iter().map(|r| r.heading()).collect(),
        columns,
        notes,
    }
}

/// An explanation that several cells share (a student found the same words in every
/// performance cell): said once under the table, each cell that needs it carrying its
/// mark. While the cells are built a cell holds the note's token where the mark goes;
/// [`number_notes`] numbers the notes and puts the marks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Note {
    /// What steal is and what the native baseline runs (a steal of 1% or more).
    Steal,
    /// A desktop's latency read from fewer than 100 inputs.
    FewInputs,
    /// What a desktop's guest-kernel share counts.
    DesktopKernel,
    /// The Desktop column's words describe VDI, not a session host.
    SessionHostWords,
    /// A desktop's CPU count rests on the model's estimates of a user's work.
    DesktopCpuEstimate,
    /// The connection broker is named, not simulated.
    Broker,
    /// What the OS requirement row's density by arithmetic divides.
    Density,
    /// A platform's throughput against native as the mean of its groups, its lowest
    /// group's own figure beside it where the two print differently.
    GroupMean,
}

impl Note {
    const ALL: [Note; 8] = [
        Note::Steal,
        Note::FewInputs,
        Note::DesktopKernel,
        Note::SessionHostWords,
        Note::DesktopCpuEstimate,
        Note::Broker,
        Note::Density,
        Note::GroupMean,
    ];

    /// What a cell holds where the note's mark goes, until [`number_notes`] replaces it.
    fn token(self) -> &'static str {
        match self {
            Note::Steal => "\u{1}steal\u{1}",
            Note::FewInputs => "\u{1}few-inputs\u{1}",
            Note::DesktopKernel => "\u{1}desktop-kernel\u{1}",
            Note::SessionHostWords => "\u{1}session-host-words\u{1}",
            Note::DesktopCpuEstimate => "\u{1}desktop-cpu\u{1}",
            Note::Broker => "\u{1}broker\u{1}",
            Note::Density => "\u{1}density\u{1}",
            Note::GroupMean => "\u{1}group-mean\u{1}",
        }
    }

    /// What a cell holds where the note's mark goes if another cell needs the note: the
    /// term it explains, there without needing it (a steal of 0.3% beside one of 50.0%:
    /// both are steal, and both carry its mark when the note is under the table). A figure
    /// of nothing carries none ([`Note::steal_token`]).
    fn weak_token(self) -> String {
        self.token().replace('\u{1}', "\u{2}")
    }

    /// Where the steal's mark goes after "steal" in a cell with a steal of `percent`: the
    /// note's token from 1% (the note is under the table), its weak token for a steal
    /// that is not nothing, and no mark for a steal of 0.0%: nothing there for the note to
    /// explain (a review found the mark on every "0.0%" too).
    fn steal_token(percent: f64) -> String {
        if percent >= 1.0 {
            Note::Steal.token().to_string()
        } else if percent > 0.0 {
            Note::Steal.weak_token()
        } else {
            String::new()
        }
    }

    /// The note's text, for the platforms whose cells refer to it.
    fn text(self, users: &[&PlatformResult]) -> Text {
        match self {
            Note::Steal => {
                // A vCPU's wait on a hypervisor, a thread's without one.
                let vcpus = users.iter().any(|p| p.kind.is_hypervisor());
                let threads = users.iter().any(|p| !p.kind.is_hypervisor());
                let (who_en, who_ko) = match (vcpus, threads) {
                    (true, true) => (
                        "the vCPUs' (without a hypervisor, the threads')",
                        "vCPU(하이퍼바이저가 없으면 스레드)",
                    ),
                    (false, true) => ("the threads'", "스레드"),
                    _ => ("the vCPUs'", "vCPU"),
                };
                Text::new(
                    format!("steal: the share of {who_en} time spent ready to run but waiting for a core (or held back by a cap); the native baseline runs the same instances as threads on the same cores, with no host background load and no hypervisor threads"),
                    format!("스틸: {who_ko} 시간 중 실행 준비가 되었지만 코어를 기다린(또는 상한에 묶인) 비율. 네이티브 기준 실행은 같은 인스턴스를 같은 코어 위의 스레드로 돌리며, 호스트 배경 부하와 하이퍼바이저 스레드는 없습니다"),
                )
            }
            Note::FewInputs => Text::new(
                "from fewer than 100 inputs: a longer run gives steadier figures",
                "입력 100개 미만에서: 실행이 길수록 수치가 안정됩니다",
            ),
            Note::DesktopKernel => Text::new(
                "a desktop's guest kernel share: only the system calls and network sends of the modelled activities; a desktop OS's other kernel work, such as its drivers and kernel threads, is not modelled",
                "데스크톱의 게스트 커널 CPU: 모델이 다루는 활동의 시스템 콜과 네트워크 전송만; 드라이버나 커널 스레드 같은 데스크톱 OS의 다른 커널 작업은 모델링하지 않음",
            ),
            Note::SessionHostWords => Text::new(
                "the overview's words in the Desktop column describe a VM and an OS per desktop (VDI), so they do not hold for a session host: its users share its one server OS and kernel",
                "Desktop 열의 개요 문서 말은 데스크톱마다 VM과 OS가 하나씩인 경우(VDI)를 말하므로 세션 호스트에는 맞지 않습니다: 세션 호스트의 사용자들은 서버 OS와 커널 하나를 공유합니다",
            ),
            Note::DesktopCpuEstimate => Text::new(
                "a desktop's CPU count rests on this model's estimates of a user's work (the modelled activities and the OS's background services): sizing guides for real desktops, with browsers, mail and antivirus, plan several times fewer per core",
                "데스크톱의 CPU 기준 개수는 사용자 작업에 대한 이 모델의 추정치(모델이 다루는 활동과 OS의 배경 서비스)에 기댑니다: 브라우저, 메일, 백신이 도는 실제 데스크톱의 사이징 가이드는 코어당 몇 배 적게 잡습니다",
            ),
            Note::Density => {
                // A session host counts sessions, not its VMs.
                let sessions = (users.iter())
                    .any(|p| p.vdi.as_ref().is_some_and(|v| v.session_host));
                let (unit_en, unit_ko) = if sessions {
                    ("instance (or session)", "인스턴스(또는 세션)")
                } else {
                    ("instance", "인스턴스")
                };
                Text::new(
                    format!("by arithmetic: by memory, the host's memory left after its own reserve over the MiB per {unit_en}; by CPU, the host's cores up to the utilization ceiling over the cores one {unit_en} needs to keep up with native"),
                    format!("계산상: 메모리 기준은 호스트 자신의 예약분을 뺀 메모리 ÷ {unit_ko}당 MiB, CPU 기준은 사용 상한까지의 코어 ÷ {unit_ko} 하나가 네이티브 속도를 내는 데 필요한 코어"),
                )
            }
            Note::GroupMean => {
                // A desktop's figure is a share of screen updates, all its sessions' together,
                // not a mean of throughputs: said for what each platform that refers to the
                // note has.
                let desktops = users.iter().any(|p| p.kind == PlatformKind::Vdi);
                let others = users.iter().any(|p| p.kind != PlatformKind::Vdi);
                let mut en = Vec::new();
                let mut ko = Vec::new();
                if others || !desktops {
                    en.push("throughput against native of a platform with more than one group: the mean of its groups' figures, weighted by the CPU each group uses natively, which can hide a starved group");
                    ko.push("그룹이 둘 이상인 플랫폼의 네이티브 대비 처리량: 각 그룹의 값을 그룹이 네이티브에서 쓰는 CPU로 가중한 평균이라 굶주린 그룹을 가릴 수 있음");
                }
                if desktops {
                    en.push("the share of screen updates of a desktop platform with more than one group: every session's updates counted together, which can hide a group whose updates are dropped");
                    ko.push("그룹이 둘 이상인 데스크톱 플랫폼의 화면 갱신 비율: 모든 세션의 갱신을 함께 센 값이라 갱신을 잃는 그룹을 가릴 수 있음");
                }
                Text::new(
                    format!("{}; its lowest group's own figure follows in brackets wherever it prints differently", en.join("; ")),
                    format!("{}; 괄호 안은 가장 낮은 그룹의 값(플랫폼의 값과 다르게 찍힐 때마다)", ko.join("; ")),
                )
            }
            Note::Broker => Text::new(
                "the connection broker that assigns desktops' sessions is not simulated",
                "세션을 배정하는 연결 브로커는 시뮬레이션하지 않음",
            ),
        }
    }
}

/// The notes the cells refer to, numbered in the order their marks first appear (the rows
/// from the top, each row's cells from the left, each cell's text from its start), with
/// each token in the cells replaced by its note's mark.
fn number_notes(columns: &mut [TableColumn], platforms: &[PlatformResult]) -> Vec<TableNote> {
    let rows = columns.iter().map(|c| c.cells.len()).max().unwrap_or(0);
    // A note is under the table where a cell needs it; its term's other cells then carry
    // its mark too.
    let cells = || columns.iter().flat_map(|c| c.cells.iter());
    let needed_notes: Vec<Note> = (Note::ALL.iter().copied())
        .filter(|n| cells().any(|cell| cell.measured.en.contains(n.token())))
        .collect();
    let needed = |n: Note| needed_notes.contains(&n);
    let mut order: Vec<Note> = Vec::new();
    for row in 0..rows {
        for column in columns.iter() {
            let Some(cell) = column.cells.get(row) else {
                continue;
            };
            let en = &cell.measured.en;
            let at = |n: Note| match (en.find(n.token()), en.find(&n.weak_token())) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let mut found: Vec<(usize, Note)> = (Note::ALL.iter())
                .filter(|&&n| needed(n))
                .filter_map(|&n| at(n).map(|at| (at, n)))
                .collect();
            found.sort_unstable_by_key(|&(at, _)| at);
            for (_, n) in found {
                if !order.contains(&n) {
                    order.push(n);
                }
            }
        }
    }
    let mut notes = Vec::with_capacity(order.len());
    for (i, &note) in order.iter().enumerate() {
        let weak = note.weak_token();
        let users: Vec<&PlatformResult> = columns
            .iter()
            .filter(|c| {
                (c.cells.iter()).any(|cell| {
                    cell.measured.en.contains(note.token()) || cell.measured.en.contains(&weak)
                })
            })
            .filter_map(|c| platforms.iter().find(|p| p.name == c.platform))
            .collect();
        let mark = note_mark(i + 1);
        for cell in columns.iter_mut().flat_map(|c| c.cells.iter_mut()) {
            for text in [&mut cell.measured.en, &mut cell.measured.ko] {
                *text = text.replace(note.token(), &mark).replace(&weak, &mark);
            }
        }
        notes.push(TableNote {
            mark,
            text: note.text(&users),
        });
    }
    // The terms of notes no cell needs carry no mark.
    for cell in columns.iter_mut().flat_map(|c| c.cells.iter_mut()) {
        for text in [&mut cell.measured.en, &mut cell.measured.ko] {
            for n in Note::ALL {
                *text = text.replace(&n.weak_token(), "");
            }
        }
    }
    notes
}

fn measured(p: &PlatformResult, row: TableRow) -> Text {
    let n = p.instance_count;
    // Configured memory in the unit that shows it: 0.0 GiB of a 40 MiB microVM says nothing.
    let memory = if p.memory_mib < 1024 {
        format!("{} MiB", p.memory_mib)
    } else {
        format!("{:.1} GiB", p.memory_mib as f64 / 1024.0)
    };
    let sessions = p.vdi.as_ref().map_or(0, |v| v.sessions);
    let shared = p.vdi.as_ref().is_some_and(|v| v.session_host);
    // A type-2 host's own programs run on the host OS: their time is in its share, and
    // is not the cost of virtualization.
    let host_programs = if p.host_background_percent > 0 {
        Text::new(
            format!(
                ", the host's own programs included (they ask for {}% of each core)",
                p.host_background_percent
            ),
            format!(
                ", 호스트 자체 프로그램 포함 (각 코어의 {}%를 요청)",
                p.host_background_percent
            ),
        )
    } else {
        Text::new("", "")
    };
    // What a desktop's guest-kernel share counts, beside a figure near 0: the table's note.
    let desktop_kernel = Note::DesktopKernel.token();
    match (p.kind, row) {
        (PlatformKind::Vdi, TableRow::Kernel) => {
            let mut kernel = if shared {
                Text::new(
                    format!("{n} server OS {} shared by {sessions} {} + the hypervisor; guest kernel {}% of CPU", plural(n, "kernel", "kernels"), plural(sessions, "session", "sessions"), share(p.cpu.guest_kernel)),
                    format!("서버 OS 커널 {n}개를 세션 {sessions}개가 공유 + 하이퍼바이저; 게스트 커널 CPU {}%", share(p.cpu.guest_kernel)),
                )
            } else {
                Text::new(
                    format!("{n} {} + the hypervisor; guest kernel {}% of CPU", plural(n, "guest kernel", "guest kernels"), share(p.cpu.guest_kernel)),
                    format!("게스트 커널 {n}개 + 하이퍼바이저; 게스트 커널 CPU {}%", share(p.cpu.guest_kernel)),
                )
            };
            kernel.en += desktop_kernel;
            kernel.ko += desktop_kernel;
            kernel
        }
        (PlatformKind::Vdi, TableRow::ExecutionEnvironment) if shared => Text::new(
            format!("{sessions} user {} in {n} session host {}, {} {}, on a central server; thin clients connect over the network", plural(sessions, "session", "sessions"), plural(n, "VM", "VMs"), p.vcpus, plural(p.vcpus, "vCPU", "vCPUs")),
            format!("세션 호스트 VM {n}개 안의 사용자 세션 {sessions}개, vCPU {}개, 중앙 서버; 씬 클라이언트가 네트워크로 접속", p.vcpus),
        ),
        (PlatformKind::Vdi, TableRow::OsRequirement) if shared => Text::new(
            format!("{n} server OS {} for {sessions} {}", plural(n, "install", "installs"), plural(sessions, "user", "users")),
            format!("사용자 {sessions}명에 서버 OS {n}개 설치"),
        ),
        // The broker is named, not simulated: its work is outside the run (a review read
        // it, in the measured colour, as a figure).
        (PlatformKind::Vdi, TableRow::Management) if shared => Text::new(
            format!("hypervisor {}% of CPU; {sessions} {} on {n} session {}{broker}", share(p.cpu.hypervisor), plural(sessions, "session", "sessions"), plural(n, "host", "hosts"), broker = Note::Broker.token()),
            format!("하이퍼바이저 CPU {}%; 세션 호스트 {n}개에 세션 {sessions}개{broker}", share(p.cpu.hypervisor), broker = Note::Broker.token()),
        ),
        // No update wanted in the run (users still logging on, idle desktops): a share of
        // nothing, said as such (it read 100.0%).
        (PlatformKind::Vdi, TableRow::Performance)
            if p.vdi.as_ref().is_some_and(|v| v.frames_wanted == 0) =>
        {
            let (fault_en, fault_ko) = fault_note(p);
            Text::new(
                format!("no screen update wanted in the run; steal{} {}%{fault_en}", Note::steal_token(p.steal_percent), share(p.steal_percent)),
                format!("실행 중 원한 화면 갱신 없음; 스틸{} {}%{fault_ko}", Note::steal_token(p.steal_percent), share(p.steal_percent)),
            )
        }
        (PlatformKind::Vdi, TableRow::Performance) => {
            let (fault_en, fault_ko) = fault_note(p);
            // Several desktop groups' updates together can hide one whose updates are
            // dropped (vdi-network's video users beside office users): its own share beside
            // the platform's wherever the two print differently, as the other platforms'
            // rows and the measured table give it (`PlatformResult::lowest_group`).
            let (lowest_en, lowest_ko) = p.lowest_group().map_or((String::new(), String::new()), |g| {
                let note = Note::GroupMean.token();
                (
                    format!("{note} (lowest group: {} {:.1}%)", g.name, g.relative_performance_percent),
                    format!("{note} (최저 그룹: {} {:.1}%)", g.name, g.relative_performance_percent),
                )
            });
            Text::new(
                format!("{:.1}% of the updates a local PC shows{lowest_en}; steal{} {}%{fault_en}", p.relative_performance_percent, Note::steal_token(p.steal_percent), share(p.steal_percent)),
                format!("로컬 PC가 보여 주는 화면 갱신의 {:.1}%{lowest_ko}; 스틸{} {}%{fault_ko}", p.relative_performance_percent, Note::steal_token(p.steal_percent), share(p.steal_percent)),
            )
        }
        (PlatformKind::Vdi, TableRow::ExecutionEnvironment) => Text::new(
            format!("{n} {}, {} {}, on a central server; thin clients connect over the network", plural(n, "desktop VM", "desktop VMs"), p.vcpus, plural(p.vcpus, "vCPU", "vCPUs")),
            format!("데스크톱 VM {n}개, vCPU {}개, 중앙 서버; 씬 클라이언트가 네트워크로 접속", p.vcpus),
        ),
        (PlatformKind::Vdi, TableRow::Management) => Text::new(
            format!("hypervisor {}% of CPU; {n} {}{broker}", share(p.cpu.hypervisor), plural(n, "session", "sessions"), broker = Note::Broker.token()),
            format!("하이퍼바이저 CPU {}%; 세션 {n}개{broker}", share(p.cpu.hypervisor), broker = Note::Broker.token()),
        ),
        (PlatformKind::Type1, TableRow::ExecutionEnvironment) => Text::new(
            format!("{n} {}, {} {}, on a hypervisor on the hardware", plural(n, "VM", "VMs"), p.vcpus, plural(p.vcpus, "vCPU", "vCPUs")),
            format!("VM {n}개, vCPU {}개, 하드웨어 위 하이퍼바이저", p.vcpus),
        ),
        (PlatformKind::Type2, TableRow::ExecutionEnvironment) => Text::new(
            format!("{n} {}, {} {}, in a VMM process on a host OS", plural(n, "VM", "VMs"), p.vcpus, plural(p.vcpus, "vCPU", "vCPUs")),
            format!("VM {n}개, vCPU {}개, 호스트 OS의 VMM 프로세스 안", p.vcpus),
        ),
        (PlatformKind::Container, TableRow::ExecutionEnvironment) => Text::new(
            format!("{n} {} as processes of the host OS", plural(n, "container", "containers")),
            format!("컨테이너 {n}개, 호스트 OS의 프로세스"),
        ),
        (PlatformKind::Native, TableRow::ExecutionEnvironment) => Text::new(
            format!("{n} {} on the bare-metal OS", plural(n, "process group", "process groups")),
            format!("베어메탈 OS의 프로세스 그룹 {n}개"),
        ),
        (PlatformKind::Type2, TableRow::Kernel) => Text::new(
            format!("{n} {} + the host OS kernel the hypervisor runs on; guest kernel {}% of CPU, host OS {}%{}", plural(n, "guest kernel", "guest kernels"), share(p.cpu.guest_kernel), share(p.cpu.host_os), host_programs.en),
            format!("게스트 커널 {n}개 + 하이퍼바이저가 올라간 호스트 OS 커널; 게스트 커널 CPU {}%, 호스트 OS {}%{}", share(p.cpu.guest_kernel), share(p.cpu.host_os), host_programs.ko),
        ),
        (PlatformKind::Type1, TableRow::Kernel) => Text::new(
            format!("{n} {} + the hypervisor; guest kernel {}% of CPU", plural(n, "guest kernel", "guest kernels"), share(p.cpu.guest_kernel)),
            format!("게스트 커널 {n}개 + 하이퍼바이저; 게스트 커널 CPU {}%", share(p.cpu.guest_kernel)),
        ),
        (_, TableRow::Kernel) => Text::new(
            format!("1 shared kernel for {n} {}; kernel {}% of CPU", plural(n, "instance", "instances"), share(p.cpu.guest_kernel)),
            format!("인스턴스 {n}개가 커널 1개 공유; 커널 CPU {}%", share(p.cpu.guest_kernel)),
        ),
        // Binary translation keeps the guest kernel's sensitive instructions inside
        // translated code: only hardware traps (shadow page faults) count as crossings.
        (PlatformKind::Type1 | PlatformKind::Type2, TableRow::Isolation)
            if p.technique == Some(crate::platform::Technique::BinaryTranslation) =>
        {
            Text::new(
                format!("boundary: the hypervisor; {} traps/s cross it, the rest of the guest kernel's sensitive work is handled inside the translator's code or by its calls into the VMM (device emulation), which are not traps", grouped(p.exits_per_second)),
                format!("경계: 하이퍼바이저; 초당 트랩 {}회, 게스트 커널의 나머지 민감한 작업은 변환기 코드 안에서, 또는 변환된 코드의 VMM 호출(장치 에뮬레이션, 트랩 아님)로 처리", grouped(p.exits_per_second)),
            )
        }
        // Users of one session host are separated by its server OS, not by the hypervisor.
        (PlatformKind::Vdi, TableRow::Isolation) if p.vdi.as_ref().is_some_and(|v| v.session_host) => Text::new(
            format!("between session hosts: the hypervisor ({} exits/s cross it); between the users of one session host: only the processes and accounts of its server OS, whose one kernel their sessions share", grouped(p.exits_per_second)),
            format!("세션 호스트 사이: 하이퍼바이저 (초당 exit {}회); 한 세션 호스트의 사용자 사이: 그 서버 OS의 프로세스와 계정뿐이며, 세션들이 커널 하나를 공유", grouped(p.exits_per_second)),
        ),
        // Type 2: the VMM is a process (and a kernel module) of a general-purpose host OS,
        // which every VM then trusts as well.
        (PlatformKind::Type2, TableRow::Isolation) => Text::new(
            format!("boundary: the hypervisor, a VMM process and kernel module on the host OS; {} {} cross it; the host OS under it is trusted too: what compromises the host (its other programs, services and users) reaches every VM", grouped(p.exits_per_second), crossings(p).0),
            format!("경계: 하이퍼바이저, 즉 호스트 OS 위의 VMM 프로세스와 커널 모듈; 초당 {} {}회; 그 아래 호스트 OS도 신뢰해야 함: 호스트를 침해하는 것(호스트의 다른 프로그램, 서비스, 사용자)은 모든 VM에 닿음", crossings(p).1, grouped(p.exits_per_second)),
        ),
        (PlatformKind::Type1 | PlatformKind::Vdi, TableRow::Isolation) => Text::new(
            format!("boundary: the hypervisor; {} {} cross it", grouped(p.exits_per_second), crossings(p).0),
            format!("경계: 하이퍼바이저; 초당 {} {}회", crossings(p).1, grouped(p.exits_per_second)),
        ),
        (PlatformKind::Container, TableRow::Isolation) => Text::new(
            "boundary: namespaces and cgroups inside the one shared kernel; every system call reaches it directly",
            "경계: 공유 커널 안의 네임스페이스와 cgroup; 모든 시스템 콜이 커널에 직접 도달",
        ),
        (PlatformKind::Native, TableRow::Isolation) => Text::new("no boundary beyond processes", "프로세스 외 경계 없음"),
        (_, TableRow::Performance) => {
            let (mut en, mut ko) = (
                format!("{:.1}% of native throughput", p.relative_performance_percent),
                format!("네이티브 대비 처리량 {:.1}%", p.relative_performance_percent),
            );
            // A platform of several groups has a mean that can hide a starved one (a VM
            // beside neighbours that take the CPU it leaves) and even read above 100%: its
            // lowest group's own figure stands beside it wherever the two print differently
            // (`PlatformResult::lowest_group`), as in the measured table (a reviewer read a
            // driver domain's 93.6% while its database VM got 0.1%).
            if let Some(g) = p.lowest_group() {
                let note = Note::GroupMean.token();
                en += &format!("{note} (lowest group: {} {:.1}%)", g.name, g.relative_performance_percent);
                ko += &format!("{note} (최저 그룹: {} {:.1}%)", g.name, g.relative_performance_percent);
            }
            // Steal is the price each guest sees of sharing pCPUs. What throughput against
            // native compares with is said too, in the table's note: the native baseline runs
            // the same instances as threads on the same cores, without the host's background
            // load or the hypervisor's threads, so it shows steal only where those cause it.
            let steal_note = Note::steal_token(p.steal_percent);
            en += &format!("; steal{steal_note} {}%", share(p.steal_percent));
            ko += &format!("; 스틸{steal_note} {}%", share(p.steal_percent));
            let (fault_en, fault_ko) = fault_note(p);
            en += &fault_en;
            ko += &fault_ko;
            if let Some(d) = p.sweep_density {
                en += &format!("; up to {d} instances meet the sweep's latency target (run, not divided)");
                ko += &format!("; 스윕의 지연 목표를 지키는 인스턴스는 최대 {d}개 (나눗셈이 아닌 실행 결과)");
            }
            Text::new(en, ko)
        }
        (PlatformKind::Type1 | PlatformKind::Type2 | PlatformKind::Vdi, TableRow::OsRequirement) => Text::new(
            format!("{n} {}; {memory} of guest memory in all", plural(n, "guest OS install", "guest OS installs")),
            format!("게스트 OS {n}개 설치; 게스트 메모리 합계 {memory}"),
        ),
        (PlatformKind::Container, TableRow::OsRequirement) => Text::new(
            format!("no guest OS: instances share the host's kernel (an image brings only its own user space); {memory} of memory limits in all"),
            format!("게스트 OS 없음: 호스트 커널 공유 (이미지는 자기 사용자 공간만 가져옴); 메모리 제한 합계 {memory}"),
        ),
        (PlatformKind::Native, TableRow::OsRequirement) => Text::new("the host OS only", "호스트 OS만"),
        (PlatformKind::Type1, TableRow::Management) => Text::new(
            format!("hypervisor {}% + device back ends {}% of CPU", share(p.cpu.hypervisor), share(p.cpu.device_emulation)),
            format!("하이퍼바이저 CPU {}% + 장치 백엔드 {}%", share(p.cpu.hypervisor), share(p.cpu.device_emulation)),
        ),
        (PlatformKind::Type2, TableRow::Management) => Text::new(
            format!("hypervisor {}% + device back ends {}% + host OS {}% of CPU{}", share(p.cpu.hypervisor), share(p.cpu.device_emulation), share(p.cpu.host_os), host_programs.en),
            format!("하이퍼바이저 CPU {}% + 장치 백엔드 {}% + 호스트 OS {}%{}", share(p.cpu.hypervisor), share(p.cpu.device_emulation), share(p.cpu.host_os), host_programs.ko),
        ),
        (PlatformKind::Container, TableRow::Management) => Text::new(
            format!("host-kernel work for containers (seccomp, cgroups, bridge/NAT) {}% of CPU", share(p.cpu.host_os)),
            format!("컨테이너를 위한 호스트 커널 작업(seccomp, cgroup, 브리지/NAT) CPU {}%", share(p.cpu.host_os)),
        ),
        (PlatformKind::Native, TableRow::Management) => Text::new("none", "없음"),
    }
}

/// `one` for 1, else `many` (English only: Korean counts have no plural).
/// What crosses the hypervisor's boundary, per second in English and as a count in Korean:
/// a paravirtual kernel calls the hypervisor (hypercalls, with the faults it bounces)
/// where a hardware-assisted one exits.
fn crossings(p: &PlatformResult) -> (&'static str, &'static str) {
    if p.technique == Some(crate::platform::Technique::Para) {
        ("hypercalls and traps/s", "하이퍼콜과 트랩")
    } else {
        ("exits/s", "exit")
    }
}

/// A CPU share in percent with one decimal, as the results table writes it: a share that
/// one decimal would show as 0.0 but is not zero is "<0.1" (the table read "<0.1" where
/// this one read "0.0%": a review).
fn share(percent: f64) -> String {
    if percent > 0.0 && percent < 0.05 {
        "<0.1".to_string()
    } else {
        format!("{percent:.1}")
    }
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A cell's measured text: the row's figure, then what else the run shows for it. A
/// desktop's performance leads with its input-to-display latency, the cost the seed's
/// "Medium" stands for, before the share of screen updates it delivers.
fn measured_cell(p: &PlatformResult, row: TableRow) -> Text {
    match (p.kind, row, extra(p, row)) {
        (PlatformKind::Vdi, TableRow::Performance, Some(latency)) => {
            join(latency, Some(measured(p, row)))
        }
        (_, _, extra) => join(measured(p, row), extra),
    }
}

/// A platform the sweep ran whose every count missed the sweep's p99 target from the first
/// (no density to show): said in its performance cell, where a density is shown otherwise,
/// instead of the figure simply missing (a reviewer: the phrase vanished with fewer cores).
fn sweep_missed_note(
    p: &PlatformResult,
    row: TableRow,
    sweep: Option<&SweepResult>,
) -> Option<Text> {
    if row != TableRow::Performance || p.sweep_density.is_some() {
        return None;
    }
    let sweep = sweep?;
    let target = sweep.p99_target_us?;
    let curve = sweep.curves.iter().find(|c| c.platform == p.name)?;
    let (first, last) = (curve.points.first()?.count, curve.points.last()?.count);
    let counts = if first == last {
        format!("{first}")
    } else {
        format!("{first}–{last}")
    };
    Some(Text::new(
        format!("the sweep's first count, {first} instances, already misses its p99 target of {target} µs (counts {counts} run): fewer than {first} meet it here"),
        format!("스윕의 첫 개수인 인스턴스 {first}개부터 p99 목표 {target} µs를 넘습니다 (실행한 개수 {counts}): 여기서 목표를 지키는 개수는 {first}개 미만"),
    ))
}

fn join(a: Text, b: Option<Text>) -> Text {
    match b {
        None => a,
        Some(b) => Text::new(format!("{}; {}", a.en, b.en), format!("{}; {}", a.ko, b.ko)),
    }
}

/// A session host sits in the seed's Desktop column, whose words describe VDI: one VM and
/// one OS per desktop. Where those words do not hold for it, its measured text says so.
fn session_host_note(p: &PlatformResult, row: TableRow) -> Option<Text> {
    let shared = p.vdi.as_ref().is_some_and(|v| v.session_host);
    (shared
        && matches!(
            row,
            TableRow::Kernel | TableRow::Isolation | TableRow::OsRequirement
        ))
    .then(|| {
        // Why, in the table's note.
        let note = Note::SessionHostWords.token();
        Text::new(
            format!("the overview's words do not hold here{note}"),
            format!("개요 문서의 말이 여기에는 맞지 않음{note}"),
        )
    })
}

/// A desktop VM (VDI) sits behind the same boundary as a server VM: the overview rates it
/// "High" against the Hardware column's "Very high", and the run measures the same
/// hypervisor between desktops. What the display protocol adds is a way into each desktop
/// from the network, not between desktops, and the entry-point count leaves it out: said
/// in its isolation cell, so that a student does not read a measured difference into it.
fn desktop_isolation_note(p: &PlatformResult, row: TableRow) -> Option<Text> {
    let desktop_vms =
        p.kind == PlatformKind::Vdi && p.vdi.as_ref().is_some_and(|v| !v.session_host);
    (desktop_vms && row == TableRow::Isolation).then(|| {
        Text::new(
            "between desktops the same hypervisor boundary as between the Hardware column's VMs: the overview's High against Very high is not a difference this run measures there; the display protocol adds a way into each desktop from the network, not from one desktop to another, and is not in the count",
            "데스크톱 사이의 경계는 Hardware 열의 VM 사이와 같은 하이퍼바이저입니다: 개요 문서의 ‘높음’과 ‘매우 높음’의 차이는 이 실행이 그 경계에서 재는 차이가 아닙니다. 디스플레이 프로토콜은 네트워크에서 각 데스크톱으로 들어오는 길을 더할 뿐 데스크톱 사이의 길은 아니며, 진입점 수에 들어 있지 않습니다",
        )
    })
}

/// Lifecycle, isolation and desktop figures added to the seed's rows.
fn extra(p: &PlatformResult, row: TableRow) -> Option<Text> {
    let l = &p.lifecycle;
    let n = p.instance_count;
    // A session host's instances are its server VMs; what starts and what a panic ends are
    // its users' sessions, spread evenly over them.
    let sessions = p
        .vdi
        .as_ref()
        .filter(|v| v.session_host)
        .map(|v| v.sessions);
    match row {
        TableRow::ExecutionEnvironment if l.startup_ms > 0.0 => Some(match sessions {
            Some(users) => Text::new(
                format!(
                    "a logon {:.0} ms alone, {:.0} ms for all {users} logons at once",
                    l.startup_ms, l.startup_all_ms
                ),
                format!(
                    "로그온 단독 {:.0} ms, {users}명 동시 {:.0} ms",
                    l.startup_ms, l.startup_all_ms
                ),
            ),
            // One instance: "all 1 at once" says nothing.
            None if n == 1 => Text::new(
                format!("start-up {:.0} ms", l.startup_ms),
                format!("시작 시간 {:.0} ms", l.startup_ms),
            ),
            None => Text::new(
                format!(
                    "start-up {:.0} ms alone, {:.0} ms for {} at once",
                    l.startup_ms,
                    l.startup_all_ms,
                    if n == 2 { "both".to_string() } else { format!("all {n}") }
                ),
                format!(
                    "시작 시간 단독 {:.0} ms, {n}개 동시 {:.0} ms",
                    l.startup_ms, l.startup_all_ms
                ),
            ),
        }),
        TableRow::Isolation => {
            let mut en = Vec::new();
            let mut ko = Vec::new();
            let session_host = p.vdi.as_ref().filter(|v| v.session_host);
            // OOM kills are one entry: a platform may have one per instance.
            let ooms: Vec<&crate::isolation::FaultResult> = p
                .faults
                .iter()
                .filter(|f| f.kind == crate::isolation::FaultKind::OomKill)
                .collect();
            let injected = p
                .faults
                .iter()
                .filter(|f| f.kind != crate::isolation::FaultKind::OomKill);
            for f in injected {
                if let Some(v) = session_host {
                    // Users' sessions, not the session host VMs, are what a student counts.
                    en.push(format!(
                        "{} at {} ms {} ended {} of {}",
                        f.kind.name(),
                        f.at_ms,
                        fault_where_en(f),
                        v.sessions_dropped,
                        counted(v.sessions, "session")
                    ));
                    ko.push(format!(
                        "{} ms에 {}: 세션 {}개 중 {}개 종료",
                        f.at_ms,
                        fault_where_ko(f),
                        v.sessions,
                        v.sessions_dropped
                    ));
                    continue;
                }
                en.push(format!(
                    "{} at {} ms {} stopped {} of {}, {} lost",
                    f.kind.name(),
                    f.at_ms,
                    fault_where_en(f),
                    f.stopped.len(),
                    counted(n, "instance"),
                    counted(f.ops_lost, "op")
                ));
                ko.push(format!(
                    "{} ms에 {}: 인스턴스 {n}개 중 {}개 중단, 연산 {}개 손실",
                    f.at_ms,
                    fault_where_ko(f),
                    f.stopped.len(),
                    f.ops_lost
                ));
            }
            if !ooms.is_empty() {
                let mut at_ms: Vec<u64> = ooms.iter().map(|f| f.at_ms).collect();
                at_ms.sort_unstable();
                at_ms.dedup();
                let stopped: usize = ooms.iter().map(|f| f.stopped.len()).sum();
                let lost: u64 = ooms.iter().map(|f| f.ops_lost).sum();
                let kills = if ooms.len() == 1 {
                    "an OOM kill"
                } else {
                    "OOM kills"
                };
                en.push(format!(
                    "{kills} at {} stopped {stopped} of {}, {} lost",
                    crate::results::times_ms(&at_ms, Lang::En),
                    counted(n, "instance"),
                    counted(lost, "op")
                ));
                ko.push(format!(
                    "{}에 OOM kill: 인스턴스 {n}개 중 {stopped}개 중단, 연산 {lost}개 손실",
                    crate::results::times_ms(&at_ms, Lang::Ko)
                ));
            }
            if p.faults.is_empty() {
                if let Some(users) = sessions {
                    // A server OS panic ends every session on that session host.
                    let reach = users.div_ceil(n.max(1));
                    en.push(format!(
                        "a kernel panic in one server OS ends its {reach} of the {users} sessions (1 of {n} session hosts)"
                    ));
                    ko.push(format!(
                        "서버 OS 하나의 커널 패닉은 세션 {users}개 중 그 안의 {reach}개를 끝냄 (세션 호스트 {n}개 중 1개)"
                    ));
                } else {
                    // What a kernel panic from one instance would reach on this stack.
                    let reach = if p.kind.is_hypervisor() { 1 } else { n };
                    en.push(format!(
                        "a kernel panic from one instance reaches {reach} of {n}"
                    ));
                    ko.push(format!(
                        "한 인스턴스가 일으킨 커널 패닉이 {n}개 중 {reach}개에 영향"
                    ));
                }
            }
            if let Some(a) = &p.attack_surface {
                en.push(format!(
                    "attack surface: {} (~{} entry points, shared by {})",
                    a.interface.en, a.entry_points, a.shared_by
                ));
                ko.push(format!(
                    "공격 표면: {} (진입점 약 {}개, 인스턴스 {}개가 공유)",
                    a.interface.ko, a.entry_points, a.shared_by
                ));
            }
            Some(Text::new(en.join("; "), ko.join("; ")))
        }
        TableRow::Performance => p.vdi.as_ref().map(|v| {
            let (local_en, local_ko) =
                v.local
                    .as_ref()
                    .map_or((String::new(), String::new()), |l| {
                        (
                            format!(" (local PC p50 {:.0} ms)", l.latency_p50_ms),
                            format!(" (로컬 PC p50 {:.0} ms)", l.latency_p50_ms),
                        )
                    });
            // No input displayed (sessions that only watch video, or stopped before their
            // first input): no latency to show, not 0 ms.
            // How many inputs the percentiles come from: under 100 the p99 is the slowest
            // of them or nearly, and a short run's few inputs move with the seed.
            let (few_en, few_ko) = if v.inputs < 100 {
                (
                    format!(", from {} only{}", counted(v.inputs, "input"), Note::FewInputs.token()),
                    format!(", 입력 {}개에서만{}", v.inputs, Note::FewInputs.token()),
                )
            } else {
                (String::new(), String::new())
            };
            let (latency_en, latency_ko) = if v.latency_mean_ms > 0.0 {
                (
                    format!(
                        "input-to-display p50 {:.0} ms{local_en} / p99 {:.0} ms{few_en}",
                        v.latency_p50_ms, v.latency_p99_ms
                    ),
                    format!(
                        "입력-화면 지연 p50 {:.0} ms{local_ko} / p99 {:.0} ms{few_ko}",
                        v.latency_p50_ms, v.latency_p99_ms
                    ),
                )
            } else {
                (
                    "no input displayed".to_string(),
                    "표시된 입력 없음".to_string(),
                )
            };
            // Several groups (office users beside video users) send at rates far apart: each
            // group's own, not their mean, which matches neither (a reviewer read 154 kbit/s
            // against the office users' 12).
            let (bandwidth_en, bandwidth_ko) = match v.groups.as_slice() {
                [_, _, ..] => {
                    let each = |g: &crate::desktop::VdiGroupResult| {
                        format!("`{}` {:.0}", g.group, g.bandwidth_kbit_s)
                    };
                    // Joined as a reader of each language tells figures apart: the tables
                    // group "1,500", which a Korean list's comma would run into.
                    let each: Vec<String> = v.groups.iter().map(each).collect();
                    (
                        format!("kbit/s per session: {}", figure_list(&each, Lang::En)),
                        format!("세션당 kbit/s: {}", figure_list(&each, Lang::Ko)),
                    )
                }
                _ => (
                    format!("{:.0} kbit/s per session", v.bandwidth_kbit_s),
                    format!("세션당 {:.0} kbit/s", v.bandwidth_kbit_s),
                ),
            };
            Text::new(
                format!(
                    "{latency_en}, {bandwidth_en}, {}/{} frames delivered",
                    v.frames_delivered, v.frames_wanted
                ),
                format!(
                    "{latency_ko}, {bandwidth_ko}, 프레임 {}/{} 전달",
                    v.frames_delivered, v.frames_wanted
                ),
            )
        }),
        TableRow::OsRequirement if l.footprint_mib > 0.0 => {
            // With several instance groups the footprint and density are the first
            // group's: say whose.
            let (unit_en, unit_ko) = match (&sessions, p.groups.as_slice()) {
                (Some(_), _) => ("session".to_string(), "세션".to_string()),
                (None, [first, _, ..]) => (
                    format!("instance of its first group, `{}`", first.name),
                    format!("첫 그룹 `{}`의 인스턴스", first.name),
                ),
                (None, _) => ("instance".to_string(), "인스턴스".to_string()),
            };
            let (mut en, mut ko) = if let Some(reason) = l.oom_alone {
                // The run's own OOM kill: a footprint over the host's memory would be no answer.
                let why = reason.text();
                // Killed before doing any work, an instance has no CPU figure ("CPU ∞").
                let (cpu_en, cpu_ko) = match l.density_cpu {
                    None => (String::new(), String::new()),
                    Some(cpu) => (format!(", CPU {cpu}"), format!(", CPU 기준 {cpu}")),
                };
                (
                    format!(
                        "{:.0} MiB per {unit_en}; 0 fit the host: one {unit_en} alone is OOM-killed ({}), so none can do its work however much memory the host has (memory 0{cpu_en})",
                        l.footprint_mib,
                        why.en,
                    ),
                    format!(
                        "{unit_ko}당 {:.0} MiB; 호스트에 0개: {unit_ko} 하나만 있어도 OOM kill되므로({}) 호스트 메모리가 얼마든 일을 할 수 없음 (메모리 기준 0{cpu_ko})",
                        l.footprint_mib,
                        why.ko,
                    ),
                )
            } else {
                density_text(l, &unit_en, &unit_ko)
            };
            if p.kind == PlatformKind::Vdi && l.oom_alone.is_none() && l.density_cpu != Some(0) {
                // A desktop's CPU per input and its background services are estimates
                // (desktop/activity.rs, [costs]): the count is this model's, several times
                // what vendor sizing guides plan (an expert's review).
                // Why, in the table's note.
                let note = Note::DesktopCpuEstimate.token();
                en += &format!("; the CPU count rests on this model's estimates{note}");
                ko += &format!("; CPU 기준 개수는 이 모델의 추정치에 기댐{note}");
            }
            if let Some(d) = p.sweep_density {
                en += &format!("; {d} found by running (the sweep's target met, no OOM kill)");
                ko += &format!("; 실행으로 찾은 값 {d}개 (스윕 목표 충족, OOM kill 없음)");
            }
            Some(Text::new(en, ko))
        }
        TableRow::Management => Some(match p.kind {
            PlatformKind::Type1 if p.io.is_some() => Text::new(
                format!(
                    "to install: a hypervisor on the bare hardware, with drivers for the real devices (its own, as ESXi has, or a privileged management OS's, as Xen's dom0 and Hyper-V's root partition) and management tools (the overview's \"installation and management somewhat complex\"), and {n} {}",
                    plural(n, "guest OS", "guest OSes")
                ),
                format!("설치: 하드웨어 바로 위의 하이퍼바이저와 게스트 OS {n}개. 하이퍼바이저에는 실제 장치의 드라이버(ESXi는 자체 드라이버, Xen의 dom0와 Hyper-V의 루트 파티션은 특권 관리 OS의 드라이버)와 관리 도구가 필요합니다(개요 문서의 \"설치와 관리가 다소 복잡\")."),
            ),
            // The overview says "somewhat complex" of type 1 only; a VDI server is one, with
            // the desktops' OSes on it.
            PlatformKind::Vdi if p.io.is_some() => Text::new(
                format!(
                    "to install: a hypervisor on the bare hardware, with drivers for the real devices and management tools as any type 1 needs, and {n} {}",
                    plural(n, "guest OS", "guest OSes")
                ),
                format!("설치: 하드웨어 바로 위의 하이퍼바이저(Type 1이 다 그렇듯 실제 장치의 드라이버와 관리 도구가 필요)와 게스트 OS {n}개"),
            ),
            PlatformKind::Type2 => Text::new(
                format!(
                    "to install: the hypervisor as an application on a host OS, usually one already in place, which keeps its drivers and manages the resources (the overview's \"easy to install\"), and {n} {}",
                    plural(n, "guest OS", "guest OSes")
                ),
                format!("설치: 호스트 OS(보통 이미 있고, 드라이버와 자원 관리를 맡음) 위에 애플리케이션으로 하이퍼바이저(개요 문서의 \"설치가 쉽고\"), 그리고 게스트 OS {n}개"),
            ),
            PlatformKind::Container => Text::new(
                "to install: a host OS and a container engine; images, no guest OS",
                "설치: 호스트 OS와 컨테이너 엔진, 이미지만 있고 게스트 OS는 없음",
            ),
            _ => return None,
        }),
        _ => None,
    }
}

/// What the platform's faults took from its throughput, for the Performance row: a
/// figure lowered by a fault must say so.
fn fault_note(p: &PlatformResult) -> (String, String) {
    let (mut en, mut ko) = (String::new(), String::new());
    if let Some(v) = p.vdi.as_ref().filter(|_| !p.faults.is_empty()) {
        // Desktops count in sessions (a session host's users share its VMs).
        let at: Vec<String> = p.faults.iter().map(|f| format!("{} ms", f.at_ms)).collect();
        let (dropped, all) = (v.sessions_dropped, v.sessions);
        en += &format!(
            "; lowered by the fault at {}, which ended {dropped} of {}",
            figure_list(&at, Lang::En),
            counted(all, "session")
        );
        ko += &format!(
            "; {}의 장애로 세션 {all}개 중 {dropped}개가 끝나 낮아짐",
            figure_list(&at, Lang::Ko)
        );
        return (en, ko);
    }
    if let Some(f) = p.faults_stopped() {
        let faults = if f.faults > 1 { "faults" } else { "fault" };
        en += &format!(
            "; lowered by the {faults} at {}, which stopped {} of {}",
            f.when(Lang::En),
            f.stopped,
            counted(f.of, "instance")
        );
        ko += &format!(
            "; {}의 장애로 인스턴스 {}개 중 {}개가 멈춰 낮아짐",
            f.when(Lang::Ko),
            f.of,
            f.stopped
        );
    }
    (en, ko)
}

/// A fault and where it struck, in Korean: a kernel panic in the kernel it struck ("공유된
/// 호스트 커널에서 커널 패닉"); a hypervisor's or the server's failure by itself ("서버 전체
/// 장애", not "서버 전체에서 서버 장애": a student's review). A panic a user's session
/// set off in a session host's server OS says the session after the panic ("세션 호스트
/// `office`의 서버 OS 커널에서 커널 패닉 (`office-3` 세션이 일으킴)"), not in brackets
/// before "에서" (a Korean student's review).
///
/// A host OS crash says what it struck: the host OS by itself ("호스트 OS 장애"), a driver
/// domain and the host's restart, or that there was no host OS to crash.
fn fault_where_ko(f: &crate::isolation::FaultResult) -> String {
    use crate::isolation::{Component, FaultKind};
    match (
        f.kind,
        f.component,
        f.origin.as_deref(),
        f.stopped.as_slice(),
    ) {
        (FaultKind::ServerFailure, ..) => "서버 전체 장애".to_string(),
        (FaultKind::HostOsCrash, Component::HostOs, ..) => f.kind.name_ko().to_string(),
        (FaultKind::HostOsCrash, Component::DriverDomain, ..) => {
            "드라이버 도메인(dom0)의 OS 장애 (이어서 하이퍼바이저가 호스트 전체를 재시작)"
                .to_string()
        }
        (FaultKind::HostOsCrash, Component::NoHostOs, ..) => format!(
            "{} (닿을 호스트 OS 없음: 하이퍼바이저가 하드웨어 위에서 직접 실행)",
            f.kind.name_ko()
        ),
        (FaultKind::HypervisorFailure, ..) => f.kind.name_ko().to_string(),
        (_, Component::GuestKernel, Some(user), [host])
            if user != host && f.sessions.is_some_and(|s| s.stopped > 1) =>
        {
            format!(
                "세션 호스트 `{host}`의 서버 OS 커널에서 {} (`{user}` 세션이 일으킴)",
                f.kind.name_ko()
            )
        }
        _ => format!("{}에서 {}", f.failed.ko, f.kind.name_ko()),
    }
}

/// Where a fault struck, in English, after its kind and time: "in the host OS"; a host OS
/// crash under a type-1 hypervisor without one says so (": no host OS (...),") rather than
/// "in no host OS".
fn fault_where_en(f: &crate::isolation::FaultResult) -> String {
    if f.component == crate::isolation::Component::NoHostOs {
        format!("with {},", f.failed.en)
    } else {
        format!("in {}", f.failed.en)
    }
}

/// A CPU count, "∞" when the CPU sets no bound (an instance that used none).
fn fmt_count(n: Option<u64>) -> String {
    n.map_or_else(|| "∞".to_string(), |n| n.to_string())
}

/// A rate rounded to a whole number, its thousands separated by commas ("157,124"), as
/// the tables beside these texts print it.
fn grouped(v: f64) -> String {
    crate::text::thousands(&format!("{:.0}", v.max(0.0)))
}

/// The OS requirement row's density of an instance that runs: how many fit by memory and
/// by CPU, and how each figure comes about.
fn density_text(
    l: &crate::lifecycle::LifecycleResult,
    unit_en: &str,
    unit_ko: &str,
) -> (String, String) {
    let mut en = format!(
        "{:.0} MiB per {unit_en}; {} {} the host by arithmetic (memory {}, CPU {} within the utilization ceiling)",
        l.footprint_mib,
        l.density,
        if l.density == 1 { "fits" } else { "fit" },
        l.density_memory,
        fmt_count(l.density_cpu),
    );
    let mut ko = format!(
        "{unit_ko}당 {:.0} MiB; 계산상 호스트에 {}개 (메모리 기준 {}, 사용 상한 안에서 CPU 기준 {})",
        l.footprint_mib,
        l.density,
        l.density_memory,
        fmt_count(l.density_cpu)
    );
    if let Some(b) = l.cpu_beyond_vcpus {
        // Keeping up with native is out of its vCPUs' reach: the count is at the pace it has.
        let (zero_en, zero_ko) = if l.density_cpu == Some(0) {
            (
                "; the planning ceiling leaves fewer cores than its busy vCPUs take, and it still runs",
                "; 계획상의 사용 상한이 바쁜 vCPU가 쓰는 것보다 적은 코어를 남기지만, 실행은 됩니다",
            )
        } else {
            ("", "")
        };
        // Decimals enough to read above the vCPUs ("2.00 cores, more than its 2 vCPUs"
        // read as a contradiction to a student).
        let needed = b.needed_percent / 100.0;
        let mut decimals = 2;
        while decimals < 6
            && format!("{needed:.decimals$}").parse::<f64>() == Ok(f64::from(b.vcpus))
        {
            decimals += 1;
        }
        let needed = format!("{needed:.decimals$}");
        en += &format!(
            " (memory: the host's memory left after its own reserve over {:.0} MiB; CPU: at this run's cost per operation, keeping up with native would take {} cores, more than its {} vCPU{} can run: with them busy, its CPU allows at most about {:.1}% of native's pace (the performance row measures the pace it reaches, waits for its devices included) and it uses {:.2} cores, and the host's cores up to the utilization ceiling, {:.1} cores, hold {} at that pace{zero_en})",
            l.footprint_mib,
            needed,
            b.vcpus,
            if b.vcpus == 1 { "" } else { "s" },
            b.pace_percent,
            l.cpu_per_instance_percent / 100.0,
            l.cpu_ceiling_cores,
            fmt_count(l.density_cpu),
        );
        ko += &format!(
            " (메모리 기준은 호스트 자신의 예약분을 뺀 메모리 ÷ {:.0} MiB입니다. CPU 기준으로는 이번 실행의 연산당 비용으로 네이티브 속도를 내려면 코어 {}개가 필요한데, 이는 vCPU {}개가 실행할 수 있는 것보다 많습니다. 그래서 vCPU가 모두 바빠도 CPU로는 네이티브 속도의 약 {:.1}%까지만 낼 수 있고(실제로 내는 속도는 장치를 기다리는 시간까지 포함해 성능 행이 측정합니다) 코어 {:.2}개를 쓰며, 사용 상한까지의 코어 {:.1}개에는 그 속도로 {}개가 들어갑니다{zero_ko})",
            l.footprint_mib,
            needed,
            b.vcpus,
            b.pace_percent,
            l.cpu_per_instance_percent / 100.0,
            l.cpu_ceiling_cores,
            fmt_count(l.density_cpu),
        );
    } else if l.density_cpu == Some(0) {
        en += "; CPU 0: not even one instance keeps up with native within the utilization ceiling (it still runs, slower)";
        ko += "; CPU 기준 0: 인스턴스 하나도 CPU 사용 상한 안에서 네이티브 속도를 내지 못함(느리게는 실행됨)";
    } else if l.cpu_per_instance_percent > 0.0 {
        // How the CPU figure comes about (memory's is the free memory over the footprint).
        // Three significant digits, so that the ceiling over it gives the count: desktops
        // that differ by a tenth of their share all read "0.04 cores" at two decimals (a
        // reviewer saw 161 to 180 fit beside the same 0.04).
        // What each figure divides is the table's note; the CPU's figures stay in the cell
        // (the memory's, the footprint, leads it).
        let per_instance_cores = significant(l.cpu_per_instance_percent / 100.0, 3);
        let per_instance_percent = significant(l.cpu_per_instance_percent, 2);
        let note = Note::Density.token();
        en = en.replacen("by arithmetic", &format!("by arithmetic{note}"), 1);
        ko = ko.replacen("계산상", &format!("계산상{note}"), 1);
        en.pop();
        ko.pop();
        en += &format!(
            ": {:.1} cores over {} cores per instance, {}% of one)",
            l.cpu_ceiling_cores, per_instance_cores, per_instance_percent
        );
        ko += &format!(
            ": 코어 {:.1}개 ÷ 인스턴스당 코어 {}개, 곧 한 코어의 {}%)",
            l.cpu_ceiling_cores, per_instance_cores, per_instance_percent
        );
    }
    (en, ko)
}

/// `v` to `digits` significant digits, without trailing zeros ("0.0376", "0.74", "3.8",
/// "45").
fn significant(v: f64, digits: i32) -> String {
    if v <= 0.0 || !v.is_finite() {
        return format!("{v:.0}");
    }
    let magnitude = v.log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).clamp(0, 6) as usize;
    let text = format!("{v:.decimals$}");
    // Zeros that only pad the digits say nothing: 0.74, not 0.740.
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// "1 instance", "24 instances": `n` and an English noun, plural unless `n` is 1.
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    /// Three significant digits tell 6.4 cores over 0.0376 (170 fit) from 6.4 over 0.0354
    /// (180 fit), which both read 0.04 at two decimals.
    #[test]
    fn shares_keep_their_significant_digits() {
        assert_eq!(super::significant(0.037_64, 3), "0.0376");
        assert_eq!(super::significant(0.449, 3), "0.449");
        assert_eq!(super::significant(0.74, 3), "0.74");
        assert_eq!(super::significant(4.0, 2), "4");
        assert_eq!(super::significant(3.764, 2), "3.8");
        assert_eq!(super::significant(44.9, 2), "45");
        assert_eq!(super::significant(0.0, 3), "0");
    }

    /// The steal's note marks the steal figures that are something, not those of nothing:
    /// with 4 CPU-bound vCPUs on 2 cores `busy` waits about half its time ("steal¹ 50.0%",
    /// the note under the table), while `quiet`'s one vCPU never waits ("steal 0.0%", with
    /// no mark: there is nothing for the note to explain).
    #[test]
    fn only_a_steal_that_is_something_carries_the_steals_mark() {
        let text = r#"
[scenario]
name = "steal-marks"
duration_ms = 50
[host]
cores = 2
memory_gib = 16
[[platform]]
name = "busy"
kind = "type1"
technique = "hybrid"
[[platform]]
name = "quiet"
kind = "type1"
technique = "hybrid"
[[instance]]
name = "many"
count = 4
vcpus = 1
workload = "cpu-bound"
platforms = ["busy"]
[[instance]]
name = "one"
count = 1
vcpus = 1
workload = "cpu-bound"
platforms = ["quiet"]
"#;
        let r = crate::Scenario::from_toml("steal-marks.toml", text)
            .expect("valid")
            .run()
            .expect("runs");
        let steal = |name: &str| {
            let p = r.platforms.iter().find(|p| p.name == name).unwrap();
            p.steal_percent
        };
        assert!(steal("busy") >= 1.0 && steal("quiet") == 0.0);
        let note = (r.table.notes.iter())
            .find(|n| n.text.en.starts_with("steal: "))
            .expect("the steal's note");
        let row = (r.table.rows.iter())
            .position(|&row| row == crate::table::TableRow::Performance)
            .unwrap();
        let cell = |name: &str| {
            let c = r.table.columns.iter().find(|c| c.platform == name).unwrap();
            c.cells[row].measured.clone()
        };
        let (busy, quiet) = (cell("busy"), cell("quiet"));
        assert!(
            busy.en.contains(&format!("; steal{} ", note.mark)),
            "{}",
            busy.en
        );
        assert!(
            busy.ko.contains(&format!("; 스틸{} ", note.mark)),
            "{}",
            busy.ko
        );
        assert!(quiet.en.contains("; steal 0.0%"), "{}", quiet.en);
        assert!(quiet.ko.contains("; 스틸 0.0%"), "{}", quiet.ko);
    }

    /// A share too small for one decimal reads "<0.1", as in the results table, not "0.0".
    #[test]
    fn a_small_share_reads_as_in_the_results_table() {
        assert_eq!(super::share(0.03), "<0.1");
        assert_eq!(super::share(0.0), "0.0");
        assert_eq!(super::share(0.05), "0.1");
        assert_eq!(super::share(12.34), "12.3");
    }

    #[test]
    fn rates_are_grouped_by_thousands() {
        assert_eq!(super::grouped(157_124.4), "157,124");
        assert_eq!(super::grouped(999.6), "1,000");
        assert_eq!(super::grouped(12.0), "12");
        assert_eq!(super::grouped(1_234_567.0), "1,234,567");
        assert_eq!(super::grouped(0.0), "0");
    }

    /// The CPU density's text names what it divides: 8 cores at the 80% ceiling are 6.4
    /// cores, over 0.74 of a core per instance: 8 instances (6.4 / 0.74 = 8.6).
    #[test]
    fn the_cpu_density_names_the_ceiling_it_divides() {
        let l = crate::lifecycle::LifecycleResult {
            footprint_mib: 2078.0,
            cpu_per_instance_percent: 74.0,
            density_memory: 504,
            density_cpu: Some(8),
            cpu_ceiling_cores: 6.4,
            density: 8,
            ..Default::default()
        };
        let (en, ko) = super::density_text(&l, "instance", "인스턴스");
        assert!(
            en.contains("within the utilization ceiling: 6.4 cores over 0.74 cores per instance, 74% of one)"),
            "{en}"
        );
        assert!(
            ko.contains("코어 6.4개 ÷ 인스턴스당 코어 0.74개, 곧 한 코어의 74%)"),
            "{ko}"
        );
        // What the figures divide is the table's note, marked where the count is.
        let token = super::Note::Density.token();
        assert!(
            en.contains(&format!("by arithmetic{token} (memory 504")),
            "{en}"
        );
        assert!(ko.contains(&format!("계산상{token} 호스트에 8개")), "{ko}");
    }
}

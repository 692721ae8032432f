//! Memory footprint: the parts of one instance's memory on the host (working set, guest
//! OS, page cache, per-VM and runtime overheads).

use serde::{Deserialize, Serialize};

use crate::costs::CostTable;
use crate::instance::InstanceSpec;
use crate::memory::OvercommitPolicy;
use crate::platform::{GuestOs, PlatformKind, Stack};
use crate::text::Text;

/// One part of an instance's memory footprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FootprintPart {
    pub what: Text,
    pub mib: f64,
}

/// Memory parts of one instance on the host. A VM occupies its configured memory (its
/// guest fills what the application and base OS leave with page cache) plus the per-VM
/// overhead, except what a balloon gives back; a container occupies its working set (at
/// most its memory limit) plus its runtime: its page cache counts against its cgroup's limit
/// but lives in the host's own kernel, which sees it and takes it back when memory runs
/// short (a guest's page cache is hidden from the host). A guest whose base OS and working set do not fit
/// its configured memory holds no more than that memory (and is OOM-killed:
/// [`crate::memory::oom_of_its_own`]).
pub fn footprint(
    stack: &Stack,
    instance: &InstanceSpec,
    policies: &[OvercommitPolicy],
    c: &CostTable,
) -> Vec<FootprintPart> {
    let mib = |v: u64| v as f64;
    let working_set_mib = instance.working_set_mib;
    let limit = instance.memory_mib;
    let uses_files = instance.workload.mix.disk_read > 0 || instance.workload.mix.disk_write > 0;
    let over_limit = stack.kind == PlatformKind::Container && working_set_mib > limit;
    let guest_base = match instance.guest_os {
        GuestOs::Windows => c.windows_guest_base_mib,
        _ => c.linux_guest_base_mib,
    };
    let base_of_stack = crate::memory::guest_base_mib(stack, instance.guest_os, c);
    // The guest's base OS and the application share its configured memory: when they do
    // not fit, the base OS takes its part first and the application gets what is left.
    let guest_short = stack.is_vm()
        && crate::memory::oom_of_its_own(stack, policies, c, instance)
            == Some(crate::memory::OomReason::GuestMemory);
    let mut parts = vec![if guest_short {
        FootprintPart {
            what: Text::new(
                "application working set, cut short at the configured memory (the guest's base OS and working set do not fit it: the guest's OOM killer stops the application)",
                "설정 메모리에서 잘린 애플리케이션 작업 집합 (게스트 기본 OS와 작업 집합이 들어가지 않아 게스트의 OOM killer가 애플리케이션을 멈춤)",
            ),
            mib: mib(limit.saturating_sub(base_of_stack).min(working_set_mib)),
        }
    } else if over_limit {
        FootprintPart {
            what: Text::new(
                "application working set, held at the memory limit (the rest is swapped or the container is OOM-killed)",
                "메모리 한도에 묶인 애플리케이션 작업 집합 (나머지는 스왑되거나 컨테이너가 OOM kill됨)",
            ),
            mib: mib(limit),
        }
    } else {
        FootprintPart {
            what: Text::new("application working set", "애플리케이션 작업 집합"),
            mib: mib(working_set_mib),
        }
    }];
    let mut push = |en: &str, ko: &str, v: f64| {
        parts.push(FootprintPart {
            what: Text::new(en, ko),
            mib: v,
        })
    };
    let ballooned =
        policies.contains(&OvercommitPolicy::Balloon) && OvercommitPolicy::Balloon.usable_on(stack);
    let guest_rest = |push: &mut dyn FnMut(&str, &str, f64), base: u64| {
        if base > limit {
            push(
                "guest kernel and base OS, cut short at the configured memory",
                "설정 메모리에서 잘린 게스트 커널과 기본 OS",
                mib(limit),
            );
        } else {
            push(
                "guest kernel and base OS",
                "게스트 커널과 기본 OS",
                mib(base),
            );
        }
        let rest = limit.saturating_sub(base + working_set_mib);
        if ballooned {
            push(
                "page cache and free guest memory: given back by the balloon",
                "페이지 캐시와 게스트 여유 메모리: 벌룬이 돌려줌",
                0.0,
            );
        } else {
            push(
                "page cache and free guest memory (the rest of the configured memory)",
                "페이지 캐시와 게스트 여유 메모리 (설정 메모리의 나머지)",
                mib(rest),
            );
        }
    };
    match stack.kind {
        PlatformKind::Native => {}
        PlatformKind::Container => {
            if !over_limit && uses_files {
                // The page cache is charged to the cgroup, but the host kernel is the
                // container's own kernel: it drops clean cache when memory runs short, so
                // the cache takes no room from other instances (unlike a guest's).
                push(
                    "page cache up to the memory limit: the shared kernel drops it when the host needs the memory",
                    "메모리 한도까지의 페이지 캐시: 호스트에 메모리가 필요하면 공유 커널이 버림",
                    0.0,
                );
            }
            push(
                "container runtime shim",
                "컨테이너 런타임 shim",
                mib(c.container_runtime_mib),
            );
        }
        PlatformKind::Type1 if stack.microvm => {
            guest_rest(&mut push, c.microvm_guest_base_mib);
            push(
                "microVM monitor process",
                "microVM 모니터 프로세스",
                mib(c.microvm_vmm_mib),
            );
        }
        PlatformKind::Type1 | PlatformKind::Vdi => {
            guest_rest(&mut push, guest_base);
            push(
                "hypervisor state per VM",
                "VM당 하이퍼바이저 상태",
                c.hypervisor_per_vm_kib as f64 / 1024.0,
            );
            // A paravirtualized guest has no emulated devices or firmware: its back ends
            // are shared (in the hypervisor or dom0), so Barham's 20 kB is all it costs.
            if stack.technique != Some(crate::platform::Technique::Para) {
                push(
                    "device model of the VM (emulated devices, virtual firmware)",
                    "VM의 장치 모델 (에뮬레이션 장치, 가상 펌웨어)",
                    mib(c.vm_device_model_mib),
                );
            }
        }
        PlatformKind::Type2 => {
            guest_rest(&mut push, guest_base);
            push(
                "VMM process on the host",
                "호스트의 VMM 프로세스",
                mib(c.type2_vmm_process_mib),
            );
        }
    }
    parts
}

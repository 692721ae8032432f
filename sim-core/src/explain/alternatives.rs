//! The same operation under the other techniques, side by side: which stacks this host and
//! guest can run (natively, binary translation, hardware assist, paravirtualization) and
//! why one runs on another kind of platform.

use super::{explain_stack, Explanation};
use crate::platform::{
    BackendPlacement, IoModel, MemoryVirtualization, PlatformKind, Stack, Technique,
};
use crate::scenario::{Host, Scenario};
use crate::text::Text;
use crate::workload::Op;

/// The techniques shown side by side: natively, then each technique.
pub const SIDE_BY_SIDE: [Option<Technique>; 4] = [
    None,
    Some(Technique::BinaryTranslation),
    Some(Technique::HardwareAssist),
    Some(Technique::Para),
];

/// `op` on platform `platform` under every other stack this host and guest can run
/// (natively, binary translation, hardware assist, paravirtualization), on the same kind
/// of hypervisor where it allows the technique (paravirtualization needs a type-1).
pub fn side_by_side(s: &Scenario, platform: usize, op: Op) -> Vec<Explanation> {
    let Some(p) = s.platforms.get(platform) else {
        return Vec::new();
    };
    let guest_os = s
        .instances
        .iter()
        .find(|i| i.platforms.contains(&platform))
        .map(|i| i.guest_os);
    SIDE_BY_SIDE
        .iter()
        .filter(|&&t| match t {
            Some(Technique::HardwareAssist | Technique::Hybrid) => s.host.features.vtx,
            Some(Technique::Para) => guest_os.is_none_or(|g| g.can_be_paravirtualized()),
            _ => true,
        })
        .filter_map(|&t| {
            // A native platform's own path is the native one: not listed again beside it
            // (its alternative stack differs from the platform's in settings no native path
            // reads, so the equality below missed it).
            if t.is_none() && p.stack.kind == PlatformKind::Native {
                return None;
            }
            let stack = alternative_stack(&p.stack, &s.host, t);
            if stack == p.stack {
                return None;
            }
            let name = t.map_or("native", Technique::name);
            let mut e = explain_stack(s, platform, &stack, op, name)?;
            e.kind_note = other_kind_note(p.stack.kind, &e);
            // Binary translation beside a type 2 whose VMM is a host kernel module: the same
            // kind, but the classic design (`alternative_stack`), said so as a change of
            // hypervisor is.
            if e.kind_note.is_none()
                && stack.kind == PlatformKind::Type2
                && stack.hosted_design != p.stack.hosted_design
            {
                e.kind_note = Some(Text::new(
                    "In a world of its own (hosted_design = \"world_switch\"): a VMM runs a guest from the host kernel's context only with hardware assist, so a binary-translating one switches worlds to reach its host, as VMware Workstation did.",
                    "자기 world에서 (hosted_design = \"world_switch\"): VMM이 호스트 커널의 문맥에서 게스트를 실행하는 것은 하드웨어 지원이 있을 때뿐이어서, 바이너리 변환을 하는 VMM은 VMware Workstation처럼 world를 전환해 호스트에 닿습니다.",
                ));
            }
            Some(e)
        })
        .collect()
}

/// Why an alternative of [`side_by_side`] runs on another kind of platform than `own`
/// (paravirtualization on a type-1 beside a type-2 platform; any technique on a type-1
/// beside a container or a native platform), so that the side-by-side comparison does not
/// hide a change of hypervisor. `None` when the kind is the same or the alternative runs
/// natively.
pub fn other_kind_note(own: PlatformKind, alternative: &Explanation) -> Option<Text> {
    if alternative.kind == own || alternative.technique.is_none() {
        return None;
    }
    Some(if own.is_hypervisor() {
        Text::new(
            "On a type-1 hypervisor: this model runs paravirtualization as Xen does, on a type-1 (hosted VMMs have offered paravirtual interfaces too, such as VMware's VMI and lguest, but none is modelled).",
            "Type 1 하이퍼바이저에서: 이 모델은 반가상화를 Xen처럼 Type 1에서 실행합니다 (VMware의 VMI나 lguest처럼 호스트형 VMM이 반가상화 인터페이스를 제공한 적도 있지만 모델에는 없습니다).",
        )
    } else {
        Text::new(
            "On a type-1 hypervisor: this platform runs no hypervisor of its own.",
            "Type 1 하이퍼바이저에서: 이 플랫폼에는 하이퍼바이저가 없습니다.",
        )
    })
}

/// The stack `own` would be under `technique` on `host` (`None`: bare metal): the same
/// kind of hypervisor (a type-1 for paravirtualization, and for a platform that is not a
/// hypervisor), its I/O model where the technique allows it, its back ends where it
/// placed them, or, when it left them where its own technique puts them by default, where
/// `technique` puts them (dom0 for paravirtualization on a type 1), and memory virtualized
/// the way the validator resolves it for that technique.
pub fn alternative_stack(own: &Stack, host: &Host, technique: Option<Technique>) -> Stack {
    let Some(t) = technique else {
        return Stack::native();
    };
    let kind = match own.kind {
        PlatformKind::Type2 if t == Technique::Para => PlatformKind::Type1,
        k if k.is_hypervisor() => k,
        _ => PlatformKind::Type1,
    };
    let default_io = match t {
        Technique::Para | Technique::Hybrid => IoModel::Paravirtual,
        _ => IoModel::Emulated,
    };
    let io_allowed = |io: IoModel| match io {
        IoModel::Emulated => !matches!(t, Technique::Para | Technique::Hybrid),
        IoModel::Paravirtual => true,
        IoModel::Passthrough => {
            kind != PlatformKind::Type2 && t != Technique::BinaryTranslation && host.features.vtx
        }
    };
    // Where the back ends run: the platform's own choice when it made one, else the
    // default of the kind and technique shown (a paravirtualized guest's in dom0).
    let own_default = own.is_vm()
        && own.driver_domain == BackendPlacement::driver_domain_by_default(own.kind, own.technique)
        && own.backend == BackendPlacement::default_for(own.kind, own.driver_domain, own.microvm);
    let mut stack = if own.is_vm() {
        own.clone()
    } else {
        Stack {
            kind,
            technique: Some(t),
            io: default_io,
            ..Stack::native()
        }
    };
    if !own.is_vm() || own_default {
        stack.driver_domain = BackendPlacement::driver_domain_by_default(kind, Some(t));
        stack.backend = BackendPlacement::default_for(kind, stack.driver_domain, stack.microvm);
    } else if stack.kind != kind {
        stack.backend = BackendPlacement::default_for(kind, stack.driver_domain, stack.microvm);
    }
    stack.kind = kind;
    stack.technique = Some(t);
    if t != Technique::Hybrid {
        // Enlightenments are a hybrid guest's (the validator refuses them elsewhere): plain
        // hardware assist pays the EOI exit that PV EOI avoids.
        stack.enlightenments = crate::platform::Enlightenments::default();
    }
    if !io_allowed(stack.io) {
        stack.io = default_io;
    }
    // A type-2 VMM that is a host kernel module runs the guest with VT-x/AMD-V: under
    // binary translation (and on the type 1 that paravirtualization moves to) the VMM has
    // a world of its own, the default design (the validator refuses the module there).
    if stack.kind != PlatformKind::Type2
        || !matches!(t, Technique::HardwareAssist | Technique::Hybrid)
    {
        stack.hosted_design = crate::platform::HostedDesign::WorldSwitch;
    }
    // As the validator resolves it (tests/explain.rs checks the stacks agree).
    stack.memory = MemoryVirtualization::of(Some(t), host.features.ept);
    stack
}

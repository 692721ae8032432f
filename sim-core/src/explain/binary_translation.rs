//! Binary translation's phases: the translated sequence that stands in for a sensitive
//! instruction after a translation-cache hit, and translated guest kernel work with its
//! translation-cache misses.

use super::{in_guest, whole, Expander, Phase, PhaseKind, Section};
use crate::path::{Category, Layer, Part, Step};
use crate::platform::Technique;
use crate::text::Text;
use crate::workload::Op;

impl Expander<'_> {
    /// Under binary translation, the translated sequence that stands in for a sensitive
    /// instruction: a step the path marks so (`Step::translated`: a device register access,
    /// a status read, a TSC-deadline write), wherever it comes, and otherwise a hypervisor
    /// step that the guest's own code reaches (first in its list, or right after guest
    /// code). Not the VMM's part of a system call's entry (right after its SYSCALL step,
    /// in any operation's path): it comes from user code, which runs untranslated, and
    /// enters the VMM (its step says so). The system call's return through the VMM is
    /// one, wherever it comes: the translated kernel's SYSRET. A step after a device
    /// model's is not one by its place: it may be the hypervisor's own work (Xen's
    /// notification of the guest, its switch back to it).
    pub(super) fn translated(&self, steps: &[Step], i: usize) -> bool {
        let s = &steps[i];
        if self.technique != Some(Technique::BinaryTranslation)
            || s.layer != Layer::Hypervisor
            || s.category != Category::Hypervisor
        {
            return false;
        }
        if s.translated {
            return true;
        }
        let after_syscall = i > 0
            && steps[i - 1].en == crate::path::cpu::SYSCALL_STEP
            && steps[i - 1].layer != Layer::Hypervisor;
        let sysret = s.en == crate::path::cpu::BT_SYSRET_EN;
        self.op != Op::TimerInterrupt
            && !after_syscall
            && s.part == Part::Guest
            && (sysret || i == 0 || in_guest(steps[i - 1].layer))
    }

    pub(super) fn translated_code(
        &self,
        out: &mut Vec<Phase>,
        section: Section,
        s: &Step,
        i: usize,
    ) {
        out.push(Phase {
            kind: PhaseKind::TranslationCacheLookup,
            cycles: 0,
            en: "Translation-cache lookup: the guest kernel's block was translated when it first ran and is found in the translation cache, so the original instruction never runs (translating a block is not part of this path).".to_string(),
            ko: "변환 캐시 조회: 게스트 커널의 블록은 처음 실행될 때 변환되어 변환 캐시에서 찾으므로, 원래 명령은 실행되지 않습니다 (블록 변환은 이 경로에 들어 있지 않습니다).".to_string(),
            source: Some(Text::new(
                "0 cycles: a hit in the translation cache costs nothing beyond the translated code",
                "0 사이클: 변환 캐시 적중은 변환된 코드 외에 비용이 없음",
            )),
            ..whole(section, s, i)
        });
        out.push(Phase {
            kind: PhaseKind::TranslatedCode,
            en: format!(
                "Translated sequence, in place of the sensitive instruction, without a trap: {}.",
                s.en
            ),
            ko: format!("민감한 명령 대신 트랩 없이 실행되는 변환된 코드: {}.", s.ko),
            ..whole(section, s, i)
        });
    }
}

/// A step of translated guest kernel work: its control transfers looked up in the
/// translation cache, or the blocks translated after a miss.
pub(super) fn translated_kernel_phase(section: Section, s: &Step, index: usize) -> Phase {
    let t = s.translation.unwrap_or_default();
    if t.misses > 0 {
        Phase {
            kind: PhaseKind::TranslationCacheLookup,
            en: format!("Translation-cache miss: {}.", s.en),
            ko: format!("변환 캐시 적중 실패: {}.", s.ko),
            source: Some(Text::new(
                "estimate: bt_translate_block cycles per translated block",
                "추정: 변환한 블록마다 bt_translate_block 사이클",
            )),
            ..whole(section, s, index)
        }
    } else {
        Phase {
            kind: PhaseKind::TranslatedCode,
            en: format!("Translated kernel code: {}.", s.en),
            ko: format!("변환된 커널 코드: {}.", s.ko),
            source: Some(Text::new(
                "Adams & Agesen, ASPLOS 2006, Fig. 4: a call/ret pair costs 51 cycles translated, 11 native: the extra 40 for each transfer counted, a call/ret pair or an indirect jump charged as one (estimate for the jump)",
                "Adams & Agesen, ASPLOS 2006, 그림 4: call/ret 한 쌍이 변환되면 51 사이클, 네이티브 11: 센 이동(call/ret 한 쌍, 또는 한 쌍으로 치는 간접 점프)마다 40 추가 (간접 점프는 추정)",
            )),
            ..whole(section, s, index)
        }
    }
}

//! Every error code of a [`crate::ScenarioError`] (its public field `code`) as a constant:
//! `e.code == error_codes::UNKNOWN_NAME` does not compile with a misspelt name, where a
//! misspelt `e.code == "unknown_nmae"` compiles and never matches. docs/error-codes.md
//! gives an example of each.
//!
//! Generated with that document by `cargo test --release -p virtsim-tests --test invalid`
//! (`UPDATE_EXPECT=1` after adding a code), which fails while a code of the source is
//! missing here.
//!
//! ```
//! use sim_core::{error_codes, Scenario};
//!
//! let text = "[scenario]\nname = \"t\"\n[[platform]]\nname = \"n\"\nkind = \"native\"\n\
//!             [[instance]]\nname = \"i\"\nworkload = \"cpu-bund\"\n";
//! let e = Scenario::from_toml("t.toml", text).unwrap_err(); // did you mean `cpu-bound`?
//! assert_eq!(e.code, error_codes::UNKNOWN_NAME);
//! assert!(error_codes::ALL.contains(&e.code));
//! ```

/// Every code, sorted.
pub const ALL: &[&str] = &[
    ASSIGNMENT_TOO_MANY_EVENTS,
    BACKEND_NOT_APPLICABLE,
    BAD_NAME,
    BAD_PLACEHOLDER,
    BAD_STUDENT_ID,
    BASE_CIRCLE,
    BASE_DEFINED_LATER,
    BIDI_CONTROL,
    COALESCE_FRAMES_WITHOUT_DELAY,
    CONFLICT,
    CONTROL_CHARACTER,
    CPU_LACKS_FEATURE,
    CREDIT_BOOST_NOT_APPLICABLE,
    DESKTOP_BASE,
    DOM0_NOT_APPLICABLE,
    DUPLICATE,
    DUPLICATE_KEY,
    EMPTY_LIST,
    EMPTY_MIX,
    EMPTY_TEXT,
    ENLIGHTENMENTS_NOT_APPLICABLE,
    FAULT_INSTANCE_NOT_ON_PLATFORM,
    FILE_TOO_LARGE,
    FORMAT_CHARACTER_IN_NAME,
    GUEST_NOT_PARAVIRTUALIZABLE,
    GUEST_OS_UNSUPPORTED,
    HALT_POLL_NOT_APPLICABLE,
    HOST_MEMORY_UNUSUAL,
    HOST_MODULE_NEEDS_VTX,
    INDEX_OUT_OF_RANGE,
    INVALID_TYPE,
    IO_EMULATED_UNDER_HYBRID,
    IO_EMULATED_UNDER_PARA,
    IO_NOT_APPLICABLE,
    KEY_TOO_DEEP,
    LOOKALIKE_CHARACTER,
    MEMORY_OVER_HOST,
    MEMORY_OVER_HOST_NATIVE,
    MEMORY_SETTING_OUT_OF_RANGE,
    MEMORY_SETTING_OVER_HOST,
    MEMORY_SETTING_TOO_SMALL,
    MEMORY_TOO_SMALL_ALONE,
    MICROVM_NEEDS_HYBRID,
    MIGRATION_NOT_APPLICABLE,
    MISSING_FIELD,
    MISSING_INSTANCE,
    MISSING_OP,
    MISSING_PLATFORM,
    MISSING_SCENARIO_HEADER,
    MISSING_SELECT,
    MISSING_TECHNIQUE,
    NEEDS_VTX,
    NESTED_NEEDS_VTX,
    NESTING_TOO_DEEP,
    NO_HYPERVISOR,
    NO_INSTANCE,
    NO_PLATFORM,
    NO_STEPS,
    NOT_APPLICABLE,
    NOT_UTF8,
    OUT_OF_RANGE,
    OVERCOMMIT_NOT_USABLE,
    PARA_ON_TYPE2,
    PASSTHROUGH_BEFORE_IOMMU,
    PASSTHROUGH_ON_TYPE2,
    PASSTHROUGH_UNDER_BT,
    PASSTHROUGH_WITHOUT_IOMMU,
    PIN_COUNT,
    PIN_OUT_OF_RANGE,
    PLATFORM_WITHOUT_INSTANCE,
    PLE_MISSING_ON_CPU,
    PLE_NOT_APPLICABLE,
    PLE_OFF_ON_HOST,
    PV_TLB_FLUSH_NEEDS_STEAL_TIME,
    RTT_BELOW_ANY_NETWORK,
    RUNNING_FOR_NOT_APPLICABLE,
    SCENARIO_QUESTIONS_LEFT_OUT,
    SWEEP_COUNTS_ORDER,
    SYNTAX,
    TABLE_BRACKETS,
    TOO_FEW_OPTIONS,
    TOO_MANY,
    TOO_MANY_EVENTS,
    TOO_MANY_EVENTS_EVEN_1MS,
    TOO_MANY_GROUP_RUNS,
    UNANSWERABLE,
    UNKNOWN_FIELD,
    UNKNOWN_NAME,
    UNKNOWN_SCENARIO,
    UNKNOWN_VALUE,
    UNREADABLE_SCENARIO,
    VARIANT_INVALID,
    VARY_ERASES_COMPARISON,
    VCPUS_OVER_CORES,
    VDI_NEEDS_DESKTOP_WORKLOAD,
    WRONG_KIND,
];

/// `assignment_too_many_events`.
pub const ASSIGNMENT_TOO_MANY_EVENTS: &str = "assignment_too_many_events";

/// `backend_not_applicable`.
pub const BACKEND_NOT_APPLICABLE: &str = "backend_not_applicable";

/// `bad_name`.
pub const BAD_NAME: &str = "bad_name";

/// `bad_placeholder`.
pub const BAD_PLACEHOLDER: &str = "bad_placeholder";

/// `bad_student_id`.
pub const BAD_STUDENT_ID: &str = "bad_student_id";

/// `base_circle`.
pub const BASE_CIRCLE: &str = "base_circle";

/// `base_defined_later`.
pub const BASE_DEFINED_LATER: &str = "base_defined_later";

/// `bidi_control`.
pub const BIDI_CONTROL: &str = "bidi_control";

/// `coalesce_frames_without_delay`.
pub const COALESCE_FRAMES_WITHOUT_DELAY: &str = "coalesce_frames_without_delay";

/// `conflict`.
pub const CONFLICT: &str = "conflict";

/// `control_character`.
pub const CONTROL_CHARACTER: &str = "control_character";

/// `cpu_lacks_feature`.
pub const CPU_LACKS_FEATURE: &str = "cpu_lacks_feature";

/// `credit_boost_not_applicable`.
pub const CREDIT_BOOST_NOT_APPLICABLE: &str = "credit_boost_not_applicable";

/// `desktop_base`.
pub const DESKTOP_BASE: &str = "desktop_base";

/// `dom0_not_applicable`.
pub const DOM0_NOT_APPLICABLE: &str = "dom0_not_applicable";

/// `duplicate`.
pub const DUPLICATE: &str = "duplicate";

/// `duplicate_key`.
pub const DUPLICATE_KEY: &str = "duplicate_key";

/// `empty_list`.
pub const EMPTY_LIST: &str = "empty_list";

/// `empty_mix`.
pub const EMPTY_MIX: &str = "empty_mix";

/// `empty_text`.
pub const EMPTY_TEXT: &str = "empty_text";

/// `enlightenments_not_applicable`.
pub const ENLIGHTENMENTS_NOT_APPLICABLE: &str = "enlightenments_not_applicable";

/// `fault_instance_not_on_platform`.
pub const FAULT_INSTANCE_NOT_ON_PLATFORM: &str = "fault_instance_not_on_platform";

/// `file_too_large`.
pub const FILE_TOO_LARGE: &str = "file_too_large";

/// `format_character_in_name`.
pub const FORMAT_CHARACTER_IN_NAME: &str = "format_character_in_name";

/// `guest_not_paravirtualizable`.
pub const GUEST_NOT_PARAVIRTUALIZABLE: &str = "guest_not_paravirtualizable";

/// `guest_os_unsupported`.
pub const GUEST_OS_UNSUPPORTED: &str = "guest_os_unsupported";

/// `halt_poll_not_applicable`.
pub const HALT_POLL_NOT_APPLICABLE: &str = "halt_poll_not_applicable";

/// `host_memory_unusual`.
pub const HOST_MEMORY_UNUSUAL: &str = "host_memory_unusual";

/// `host_module_needs_vtx`.
pub const HOST_MODULE_NEEDS_VTX: &str = "host_module_needs_vtx";

/// `index_out_of_range`.
pub const INDEX_OUT_OF_RANGE: &str = "index_out_of_range";

/// `invalid_type`.
pub const INVALID_TYPE: &str = "invalid_type";

/// `io_emulated_under_hybrid`.
pub const IO_EMULATED_UNDER_HYBRID: &str = "io_emulated_under_hybrid";

/// `io_emulated_under_para`.
pub const IO_EMULATED_UNDER_PARA: &str = "io_emulated_under_para";

/// `io_not_applicable`.
pub const IO_NOT_APPLICABLE: &str = "io_not_applicable";

/// `key_too_deep`.
pub const KEY_TOO_DEEP: &str = "key_too_deep";

/// `lookalike_character`.
pub const LOOKALIKE_CHARACTER: &str = "lookalike_character";

/// `memory_over_host`.
pub const MEMORY_OVER_HOST: &str = "memory_over_host";

/// `memory_over_host_native`.
pub const MEMORY_OVER_HOST_NATIVE: &str = "memory_over_host_native";

/// `memory_setting_out_of_range`.
pub const MEMORY_SETTING_OUT_OF_RANGE: &str = "memory_setting_out_of_range";

/// `memory_setting_over_host`.
pub const MEMORY_SETTING_OVER_HOST: &str = "memory_setting_over_host";

/// `memory_setting_too_small`.
pub const MEMORY_SETTING_TOO_SMALL: &str = "memory_setting_too_small";

/// `memory_too_small_alone`.
pub const MEMORY_TOO_SMALL_ALONE: &str = "memory_too_small_alone";

/// `microvm_needs_hybrid`.
pub const MICROVM_NEEDS_HYBRID: &str = "microvm_needs_hybrid";

/// `migration_not_applicable`.
pub const MIGRATION_NOT_APPLICABLE: &str = "migration_not_applicable";

/// `missing_field`.
pub const MISSING_FIELD: &str = "missing_field";

/// `missing_instance`.
pub const MISSING_INSTANCE: &str = "missing_instance";

/// `missing_op`.
pub const MISSING_OP: &str = "missing_op";

/// `missing_platform`.
pub const MISSING_PLATFORM: &str = "missing_platform";

/// `missing_scenario_header`.
pub const MISSING_SCENARIO_HEADER: &str = "missing_scenario_header";

/// `missing_select`.
pub const MISSING_SELECT: &str = "missing_select";

/// `missing_technique`.
pub const MISSING_TECHNIQUE: &str = "missing_technique";

/// `needs_vtx`.
pub const NEEDS_VTX: &str = "needs_vtx";

/// `nested_needs_vtx`.
pub const NESTED_NEEDS_VTX: &str = "nested_needs_vtx";

/// `nesting_too_deep`.
pub const NESTING_TOO_DEEP: &str = "nesting_too_deep";

/// `no_hypervisor`.
pub const NO_HYPERVISOR: &str = "no_hypervisor";

/// `no_instance`.
pub const NO_INSTANCE: &str = "no_instance";

/// `no_platform`.
pub const NO_PLATFORM: &str = "no_platform";

/// `no_steps`.
pub const NO_STEPS: &str = "no_steps";

/// `not_applicable`.
pub const NOT_APPLICABLE: &str = "not_applicable";

/// `not_utf8`.
pub const NOT_UTF8: &str = "not_utf8";

/// `out_of_range`.
pub const OUT_OF_RANGE: &str = "out_of_range";

/// `overcommit_not_usable`.
pub const OVERCOMMIT_NOT_USABLE: &str = "overcommit_not_usable";

/// `para_on_type2`.
pub const PARA_ON_TYPE2: &str = "para_on_type2";

/// `passthrough_before_iommu`.
pub const PASSTHROUGH_BEFORE_IOMMU: &str = "passthrough_before_iommu";

/// `passthrough_on_type2`.
pub const PASSTHROUGH_ON_TYPE2: &str = "passthrough_on_type2";

/// `passthrough_under_bt`.
pub const PASSTHROUGH_UNDER_BT: &str = "passthrough_under_bt";

/// `passthrough_without_iommu`.
pub const PASSTHROUGH_WITHOUT_IOMMU: &str = "passthrough_without_iommu";

/// `pin_count`.
pub const PIN_COUNT: &str = "pin_count";

/// `pin_out_of_range`.
pub const PIN_OUT_OF_RANGE: &str = "pin_out_of_range";

/// `platform_without_instance`.
pub const PLATFORM_WITHOUT_INSTANCE: &str = "platform_without_instance";

/// `ple_missing_on_cpu`.
pub const PLE_MISSING_ON_CPU: &str = "ple_missing_on_cpu";

/// `ple_not_applicable`.
pub const PLE_NOT_APPLICABLE: &str = "ple_not_applicable";

/// `ple_off_on_host`.
pub const PLE_OFF_ON_HOST: &str = "ple_off_on_host";

/// `pv_tlb_flush_needs_steal_time`.
pub const PV_TLB_FLUSH_NEEDS_STEAL_TIME: &str = "pv_tlb_flush_needs_steal_time";

/// `rtt_below_any_network`.
pub const RTT_BELOW_ANY_NETWORK: &str = "rtt_below_any_network";

/// `running_for_not_applicable`.
pub const RUNNING_FOR_NOT_APPLICABLE: &str = "running_for_not_applicable";

/// `scenario_questions_left_out`.
pub const SCENARIO_QUESTIONS_LEFT_OUT: &str = "scenario_questions_left_out";

/// `sweep_counts_order`.
pub const SWEEP_COUNTS_ORDER: &str = "sweep_counts_order";

/// `syntax`.
pub const SYNTAX: &str = "syntax";

/// `table_brackets`.
pub const TABLE_BRACKETS: &str = "table_brackets";

/// `too_few_options`.
pub const TOO_FEW_OPTIONS: &str = "too_few_options";

/// `too_many`.
pub const TOO_MANY: &str = "too_many";

/// `too_many_events`.
pub const TOO_MANY_EVENTS: &str = "too_many_events";

/// `too_many_events_even_1ms`.
pub const TOO_MANY_EVENTS_EVEN_1MS: &str = "too_many_events_even_1ms";

/// `too_many_group_runs`.
pub const TOO_MANY_GROUP_RUNS: &str = "too_many_group_runs";

/// `unanswerable`.
pub const UNANSWERABLE: &str = "unanswerable";

/// `unknown_field`.
pub const UNKNOWN_FIELD: &str = "unknown_field";

/// `unknown_name`.
pub const UNKNOWN_NAME: &str = "unknown_name";

/// `unknown_scenario`.
pub const UNKNOWN_SCENARIO: &str = "unknown_scenario";

/// `unknown_value`.
pub const UNKNOWN_VALUE: &str = "unknown_value";

/// `unreadable_scenario`.
pub const UNREADABLE_SCENARIO: &str = "unreadable_scenario";

/// `variant_invalid`.
pub const VARIANT_INVALID: &str = "variant_invalid";

/// `vary_erases_comparison`.
pub const VARY_ERASES_COMPARISON: &str = "vary_erases_comparison";

/// `vcpus_over_cores`.
pub const VCPUS_OVER_CORES: &str = "vcpus_over_cores";

/// `vdi_needs_desktop_workload`.
pub const VDI_NEEDS_DESKTOP_WORKLOAD: &str = "vdi_needs_desktop_workload";

/// `wrong_kind`.
pub const WRONG_KIND: &str = "wrong_kind";

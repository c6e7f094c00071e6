//! Every golden case through core, compared byte for byte with its expected files.
//!
//! Natively this is a plain `#[test]`; under wasm32 the same function runs in
//! `wasm-bindgen-test-runner`, reading the same embedded cases and files, which is
//! what makes the CLI and the page promise testable.

use strata_tests::golden::{self, Report, CASES};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test(unsupported = test)]
fn golden_cases_through_core() {
    #[cfg(not(target_arch = "wasm32"))]
    let (update, filter) = (golden::native::update_requested(), golden::native::filter());
    #[cfg(target_arch = "wasm32")]
    let (update, filter) = (false, None::<String>);

    let mut report = Report::default();
    for case in CASES.iter().filter(|case| case.matches(filter.as_deref())) {
        report.ran += 1;
        let observed = golden::run_in_core(case);
        // Output must not depend on anything but the inputs (hash order, addresses).
        if golden::run_in_core(case) != observed {
            report.fail(case, "two runs of the same command gave different output".to_string());
            continue;
        }
        if update && golden::check(case, &observed).is_err() {
            #[cfg(not(target_arch = "wasm32"))]
            match golden::native::write_expected(case, &observed) {
                Ok(()) => eprintln!("golden: rewrote tests/golden/{}/ (review the diff before committing)", case.name),
                Err(error) => report.fail(case, format!("cannot write the expected files: {error}")),
            }
            continue;
        }
        if let Err(why) = golden::check(case, &observed) {
            report.fail(case, why);
        }
    }
    report.assert_ok("golden cases through core");
}

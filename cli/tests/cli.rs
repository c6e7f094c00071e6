//! The CLI crate's one integration-test binary: the real `strata` executable against
//! the golden cases.
//!
//! Each case runs as `strata <cmd words>` with the repository root as the working
//! directory (paths in `cmd` are relative to it). Its stdout, stderr and exit status
//! must equal both the case's expected files and what core itself returns for the same
//! words: the shell adds nothing and loses nothing.

use std::process::Command;
use strata_tests::golden::{self, native, Observed, Report, CASES};

fn run_binary(words: &[String]) -> Result<Observed, String> {
    let output = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(words)
        .current_dir(native::repo_root())
        .env("NO_COLOR", "1")
        .output()
        .map_err(|error| format!("cannot run strata: {error}"))?;
    Ok(Observed {
        stdout: String::from_utf8(output.stdout).map_err(|_| "stdout is not UTF-8".to_string())?,
        stderr: String::from_utf8(output.stderr).map_err(|_| "stderr is not UTF-8".to_string())?,
        exit: output.status.code().ok_or("strata was killed by a signal")?,
    })
}

#[test]
fn golden_cases_through_the_strata_binary() {
    let filter = native::filter();
    // While expected files are being rewritten, compare with core only.
    let update = native::update_requested();
    let mut report = Report::default();
    for case in CASES.iter().filter(|case| case.matches(filter.as_deref())) {
        report.ran += 1;
        let observed = match run_binary(&case.words()) {
            Ok(observed) => observed,
            Err(why) => {
                report.fail(case, why);
                continue;
            }
        };
        let core = golden::run_in_core(case);
        if observed != core {
            let mut why = String::from("the binary and core disagree (expected = core, got = binary):\n");
            if core.exit != observed.exit {
                why.push_str(&format!("exit: core {}, binary {}\n", core.exit, observed.exit));
            }
            for (stream, want, got) in
                [("stdout", &core.stdout, &observed.stdout), ("stderr", &core.stderr, &observed.stderr)]
            {
                if want != got {
                    why.push_str(&format!("{stream} differs:\n{}", golden::difference(want, got)));
                }
            }
            report.fail(case, why);
            continue;
        }
        if !update {
            if let Err(why) = golden::check(case, &observed) {
                report.fail(case, why);
            }
        }
    }
    report.assert_ok("golden cases through the strata binary");
}

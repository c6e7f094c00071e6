//! The CLI crate's one integration-test binary: the real `strata` executable against
//! the golden cases, and what only a real process can show (endless files).
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

/// Files that never end (`/dev/zero`) or are too large are refused after
/// `MAX_FILE_BYTES`, as values files, as `--set-file` contents and on standard input,
/// rather than read until memory runs out.
#[test]
fn endless_files_are_refused_not_read_forever() {
    let too_large = "it is larger than 256 MiB, the most strata reads";
    for words in [["render", "-f", "/dev/zero"], ["render", "--set-file", "a=/dev/zero"]] {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let observed = run_binary(&words).expect("strata runs");
        assert_eq!(observed.exit, 2, "{words:?}");
        assert!(observed.stderr.contains(too_large), "{words:?}: {}", observed.stderr);
        assert_eq!(observed.stdout, "");
    }
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let output = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["render", "-f", "-"])
        .stdin(zero)
        .output()
        .expect("strata runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains(too_large));
}

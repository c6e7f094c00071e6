//! YAML reading speed on one file: saphyr-parser's events alone, the fast
//! scanner's events alone, and the whole `yaml::read_documents`, best of 3 each,
//! in the same run so the ratios mean something on this machine.
//!
//! usage: cargo run --release -p strata-cli --example yaml_speed -- FILE
//! (make a big file with `python3 bench/gen_values.py values-50mb.yaml 50`)

use std::time::{Duration, Instant};
use strata_core::yaml::{fast_event_count, read_documents, saphyr_event_count, Limits};
use strata_core::{Profile, SourceKind, Sources};

fn best_of_3(mut run: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut result = 0;
    for _ in 0..3 {
        let start = Instant::now();
        result = run();
        best = best.min(start.elapsed());
    }
    (best, result)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: yaml_speed FILE");
    let text = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let mb = text.len() as f64 / 1e6;
    let rate = |d: Duration| mb / d.as_secs_f64();

    let (saphyr, saphyr_events) = best_of_3(|| saphyr_event_count(&text));
    let (fast, fast_events) = best_of_3(|| fast_event_count(&text).unwrap_or(0));
    let (read, docs) = best_of_3(|| {
        let mut sources = Sources::new();
        let id = sources.add(path.as_str(), SourceKind::File, text.clone());
        read_documents(&sources, id, Profile::Helm4, &Limits::default()).map(|d| d.docs.len()).unwrap_or(0)
    });

    println!("{path}: {mb:.1} MB");
    println!(
        "saphyr events:      {:>8.1} ms {:>7.1} MB/s ({saphyr_events} events)",
        saphyr.as_secs_f64() * 1e3,
        rate(saphyr)
    );
    if fast_events == 0 {
        println!("fast events:        bailed (the file is outside the fast subset)");
    } else {
        println!(
            "fast events:        {:>8.1} ms {:>7.1} MB/s ({fast_events} events)",
            fast.as_secs_f64() * 1e3,
            rate(fast)
        );
        println!("fast / saphyr:      {:.1}x", saphyr.as_secs_f64() / fast.as_secs_f64());
    }
    println!("read_documents:     {:>8.1} ms {:>7.1} MB/s ({docs} documents)", read.as_secs_f64() * 1e3, rate(read));
}

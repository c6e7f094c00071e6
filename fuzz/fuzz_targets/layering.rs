//! Fuzz the whole layering: chart defaults, two values files and `--set*`
//! arguments, split out of one input, rendered under both profiles.
//!
//! Properties: no panic; the same input renders the same bytes twice; masking
//! never makes a render fail; and a successful render, read back as a values
//! file, renders to the same JSON (the YAML writer never changes a value on the way out).
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::api::{self, Format, Input, RenderRequest};
use strata_core::files::MemoryFiles;
use strata_core::Profile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Parts are separated by a line holding only `%%`: chart, file a, file b, then one argument per part.
    let mut parts = text.split("\n%%\n");
    let chart = parts.next().unwrap_or("");
    let a = parts.next().unwrap_or("");
    let b = parts.next().unwrap_or("");
    let args: Vec<String> = parts.take(4).map(str::to_string).collect();
    let mut files = MemoryFiles::new();
    files.insert("f.txt", "file text\n");
    for profile in [Profile::Helm4, Profile::Helm3] {
        let mut request = RenderRequest {
            profile,
            chart_values: Some(Input::new("chart.yaml", chart)),
            values: vec![Input::new("a.yaml", a), Input::new("b.yaml", b)],
            format: Format::Json,
            show_secrets: true,
            ..RenderRequest::default()
        };
        for (i, arg) in args.iter().enumerate() {
            match i % 4 {
                0 => request.set.push(arg.clone()),
                1 => request.set_string.push(arg.clone()),
                2 => request.set_json.push(arg.clone()),
                _ => request.set_literal.push(arg.clone()),
            }
        }
        let json = api::render(&request, &files);
        assert_eq!(json, api::render(&request, &files), "rendering is deterministic");
        if json.exit_code != 0 {
            continue;
        }
        let masked = api::render(&RenderRequest { show_secrets: false, ..request.clone() }, &files);
        assert_eq!(masked.exit_code, 0, "masking never fails a render: {}", masked.stderr);
        request.format = Format::Yaml;
        let yaml = api::render(&request, &files);
        assert_eq!(yaml.exit_code, 0);
        let again = RenderRequest {
            profile,
            values: vec![Input::new("out.yaml", yaml.stdout.as_bytes())],
            format: Format::Json,
            show_secrets: true,
            ..RenderRequest::default()
        };
        let round_trip = api::render(&again, &files);
        assert_eq!(round_trip.exit_code, 0, "the YAML output must read back: {}", round_trip.stderr);
        assert_eq!(round_trip.stdout, json.stdout, "the YAML output must read back to the same values");
    }
});

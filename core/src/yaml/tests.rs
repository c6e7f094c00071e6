//! End-to-end tests of the YAML reader: one rule per test, exact results.

use super::*;
use crate::node::{Map, ShadowReason};
use crate::source::SourceKind;

fn source(text: &str) -> (Sources, SourceId) {
    let mut sources = Sources::new();
    let id = sources.add("v.yaml", SourceKind::File, text);
    (sources, id)
}

fn read_with(text: &str, profile: Profile, limits: &Limits) -> Result<Documents, Diagnostic> {
    let (sources, id) = source(text);
    read_documents(&sources, id, profile, limits)
}

fn read(text: &str) -> Result<Documents, Diagnostic> {
    read_with(text, Profile::Helm4, &Limits::default())
}

/// The documents as compact JSON-like text, for exact comparisons.
fn show(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => format!("{s:?}"),
        Value::List(items) => format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(",")),
        Value::Map(map) => {
            format!("{{{}}}", map.iter().map(|(k, v)| format!("{k:?}:{}", show(v))).collect::<Vec<_>>().join(","))
        }
    }
}

fn docs(text: &str) -> Vec<String> {
    read(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}")).docs.iter().map(show).collect()
}

fn one(text: &str) -> String {
    let all = docs(text);
    assert_eq!(all.len(), 1, "{text:?}");
    all[0].clone()
}

fn error(text: &str) -> Diagnostic {
    match read(text) {
        Ok(read) => panic!("{text:?} was accepted: {:?}", read.docs.iter().map(show).collect::<Vec<_>>()),
        Err(error) => error,
    }
}

fn code(text: &str) -> &'static str {
    error(text).code
}

fn warnings(text: &str) -> Vec<&'static str> {
    read(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}")).warnings.iter().map(|w| w.code).collect()
}

fn root_map(doc: &Node) -> &Map {
    doc.value.as_map().expect("a map")
}

#[test]
fn helm4_splits_at_lines_starting_with_dashes() {
    assert_eq!(docs("a: 1\n---\nb: 2\n"), vec![r#"{"a":1.0}"#, r#"{"b":2.0}"#]);
    assert_eq!(docs("---\n# only a comment\n---\n\n---\na: 1\n"), vec![r#"{"a":1.0}"#]);
    assert_eq!(docs("a: 1\n--- # comment\nb: 2"), vec![r#"{"a":1.0}"#, r#"{"b":2.0}"#]);
    assert_eq!(docs("a: 1\n...\n"), vec![r#"{"a":1.0}"#]);
    assert_eq!(docs("a: null\n---\n~\n"), vec![r#"{"a":null}"#]);
    for bad in ["--- a: 1\n", "a: 1\n--- |\n  x\n", "----\n", "a: 1\n---b\n"] {
        assert_eq!(code(bad), "yaml-document-separator", "{bad:?}");
    }
}

#[test]
fn positions_stay_relative_to_the_whole_file() {
    let text = "a: 1\n---\nb: [x\n";
    let (sources, id) = source(text);
    let e = read_documents(&sources, id, Profile::Helm4, &Limits::default()).unwrap_err();
    assert_eq!(e.code, "yaml-syntax");
    assert_eq!(sources.position(e.span.unwrap()), "v.yaml:4:1");
    let text = "a: 1\n---\nb: 2\nc: é\nd: 3\n";
    let (sources, id) = source(text);
    let read = read_documents(&sources, id, Profile::Helm4, &Limits::default()).unwrap();
    let d = &root_map(&read.docs[1])["d"];
    assert_eq!(sources.position(d.key_span().unwrap()), "v.yaml:5:1");
    assert_eq!(sources.position(d.span), "v.yaml:5:4");
    assert_eq!(sources.slice(d.span), "3");
    let c = &root_map(&read.docs[1])["c"];
    assert_eq!(sources.slice(c.span), "é");
}

#[test]
fn multibyte_text_gives_byte_spans() {
    let text = "ключ: значение\nb: \"😀\"\nc: 1\n";
    let (sources, id) = source(text);
    let read = read_documents(&sources, id, Profile::Helm4, &Limits::default()).unwrap();
    let map = root_map(&read.docs[0]);
    assert_eq!(sources.slice(map["ключ"].key_span().unwrap()), "ключ");
    assert_eq!(sources.slice(map["ключ"].span), "значение");
    assert_eq!(sources.slice(map["b"].span), "\"😀\"");
    assert_eq!(sources.position(map["c"].span), "v.yaml:3:4");
}

#[test]
fn anchors_do_not_cross_helm4_documents() {
    assert_eq!(code("a: &x 1\n---\nb: *x\n"), "yaml-syntax");
    assert_eq!(one("a: &x 1\nb: *x\n"), r#"{"a":1.0,"b":1.0}"#);
}

#[test]
fn helm3_reads_the_first_yaml_document_only() {
    let helm3 = |text: &str| {
        read_with(text, Profile::Helm3, &Limits::default()).map(|r| r.docs.iter().map(show).collect::<Vec<_>>())
    };
    assert_eq!(helm3("# c\n---\na: 1\n---\nb: 2\n"), Ok(vec![r#"{"a":1.0}"#.to_string()]));
    assert_eq!(helm3("---\n---\na: 1\n"), Ok(vec![]));
    assert_eq!(helm3("a: 1\n--- b: 2\n"), Ok(vec![r#"{"a":1.0}"#.to_string()]));
    assert_eq!(helm3("a: 1\n---\n- x\n"), Ok(vec![r#"{"a":1.0}"#.to_string()]));
    assert_eq!(helm3("a: 1\n---\nb: .inf\n"), Ok(vec![r#"{"a":1.0}"#.to_string()]));
    assert_eq!(helm3("- x\n").map_err(|e| e.code), Err("yaml-not-a-map"));
    let read = read_with("a: 1\n---\nb: 2\n", Profile::Helm3, &Limits::default()).unwrap();
    assert_eq!(read.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), vec!["helm3-first-document"]);
    assert_eq!(helm3("%YAML 1.1\n---\na: 1\n"), Ok(vec![r#"{"a":1.0}"#.to_string()]));
    assert_eq!(helm3("%YAML 1.2\n---\na: 1\n").map_err(|e| e.code), Err("yaml-directive"));
    assert_eq!(code("%YAML 1.1\n---\na: 1\n"), "yaml-directive");
}

#[test]
fn documents_must_be_maps() {
    assert_eq!(code("- a\n- b\n"), "yaml-not-a-map");
    assert_eq!(code("just text\n"), "yaml-not-a-map");
    assert_eq!(code("a: 1\n---\n42\n"), "yaml-not-a-map");
    assert_eq!(code("\"\"\n"), "yaml-not-a-map");
    for empty in ["", "\n\n", "   \n", "# only\n# comments\n", "~\n", "null\n", "---\n", "\u{FEFF}"] {
        assert_eq!(docs(empty), Vec::<String>::new(), "{empty:?}");
    }
    assert_eq!(one("{}"), "{}");
}

#[test]
fn a_byte_order_mark_is_dropped() {
    assert_eq!(one("\u{FEFF}a: 1\n"), r#"{"a":1.0}"#);
}

#[test]
fn leading_document_end_marker_is_an_error() {
    assert_eq!(code("...\n"), "yaml-syntax");
    assert_eq!(code("a: 1\n---\n...\n"), "yaml-syntax");
}

#[test]
fn plain_scalars_resolve_as_yaml11() {
    assert_eq!(
        one("a: yes\nb: No\nc: ON\nd: off\ne: y\nf: n\ng: tRUE\nh: ~\ni:\nj: Null\nk: nULL\n"),
        r#"{"a":true,"b":false,"c":true,"d":false,"e":true,"f":false,"g":"tRUE","h":null,"i":null,"j":null,"k":"nULL"}"#
    );
    assert_eq!(
        one("a: 0755\nb: 0o755\nc: 08\nd: 0xFF\ne: -0x1F\nf: 0b1010\ng: 1_000\nh: +12\n"),
        r#"{"a":493.0,"b":493.0,"c":8.0,"d":255.0,"e":-31.0,"f":10.0,"g":1000.0,"h":12.0}"#
    );
    assert_eq!(
        one("a: 1.10\nb: 1.0\nc: .5\nd: 5.\ne: 1e3\nf: 1.5E-7\n"),
        r#"{"a":1.1,"b":1.0,"c":0.5,"d":5.0,"e":1000.0,"f":1.5e-7}"#
    );
    assert_eq!(
        one("a: 1.20.0\nb: 1:20\nc: 1e400\nd: 2002-12-14\ne: 2001-12-14t21:59:43.10-05:00\n"),
        r#"{"a":"1.20.0","b":"1:20","c":"1e400","d":"2002-12-14","e":"2001-12-14t21:59:43.10-05:00"}"#
    );
    assert_eq!(
        one("a: 9007199254740993\nb: 12345678901234567890\n"),
        r#"{"a":9007199254740992.0,"b":1.2345678901234567e19}"#
    );
}

#[test]
fn infinity_and_nan_are_errors() {
    for text in ["a: .inf\n", "a: -.Inf\n", "a: [.nan]\n", "a: !!float .INF\n", "a: &x .inf\n"] {
        assert_eq!(code(text), "yaml-infinity", "{text:?}");
    }
    assert_eq!(one(".inf: a\n-.inf: b\n"), r#"{".inf":"a","-.inf":"b"}"#);
}

#[test]
fn quoted_and_block_scalars_are_strings() {
    assert_eq!(
        one("a: \"yes\"\nb: '0755'\nc: \"1e3\"\nd: \"null\"\ne: |\n  x\nf: >-\n  y\n  z\n"),
        r#"{"a":"yes","b":"0755","c":"1e3","d":"null","e":"x\n","f":"y z"}"#
    );
    assert_eq!(one("a: 'it''s'\nb: \"t\\tx\\u00e9\"\n"), r#"{"a":"it's","b":"t\txé"}"#);
    assert_eq!(one("a: 1\r\nb: |\r\n  x\r\n  y\r\n"), r#"{"a":1.0,"b":"x\ny\n"}"#);
}

#[test]
fn explicit_tags() {
    assert_eq!(
        one("a: !!str 123\nb: !!int \"7\"\nc: !!float 1\nd: !!bool yes\ne: !!null\nf: !!binary aGVsbG8=\ng: !foo bar\nh: ! 12\n"),
        r#"{"a":"123","b":7.0,"c":1.0,"d":true,"e":null,"f":"hello","g":"bar","h":"12"}"#
    );
    assert_eq!(one("a: !!null {b: 1}\nb: !!str [1]\n"), r#"{"a":{"b":1.0},"b":[1.0]}"#);
    assert_eq!(code("a: !!int 1.5\n"), "yaml-tag");
    assert_eq!(code("a: !!null foo\n"), "yaml-tag");
    assert_eq!(code("a: !!binary 'not base64!'\n"), "yaml-tag");
    assert_eq!(code("a: !!timestamp foo\n"), "yaml-tag");
    assert_eq!(one("a: !!timestamp 2001-12-14\n"), r#"{"a":"2001-12-14"}"#);
    assert_eq!(warnings("a: !foo bar\n"), vec!["yaml-tag-ignored"]);
    assert_eq!(warnings("a: !!binary /w==\n"), vec!["binary-not-text"]);
}

#[test]
fn keys_become_strings() {
    assert_eq!(
        one("0x10: a\n1.5: b\n2.0: c\n3.14159265358979: d\n18446744073709551616: e\ntrue: f\nno: g\n"),
        r#"{"16":"a","1.5":"b","2":"c","3.1415927":"d","1.8446744e+19":"e","true":"f","false":"g"}"#
    );
    assert_eq!(one("a.b/c: 1\n\"x y\": 2\n"), r#"{"a.b/c":1.0,"x y":2.0}"#);
    assert_eq!(one("a: &k x\n*k : 2\n"), r#"{"a":"x","x":2.0}"#);
    for bad in [
        "~: x\n",
        "null: x\n",
        ": x\n",
        "9223372036854775808: x\n",
        "[a]: 1\n",
        "? {a: 1}\n: 1\n",
        "a: &l [1]\n*l : 2\n",
    ] {
        assert_eq!(code(bad), "yaml-key", "{bad:?}");
    }
    assert_eq!(
        one("9223372036854775807: a\n-9223372036854775808: b\n"),
        r#"{"9223372036854775807":"a","-9223372036854775808":"b"}"#
    );
}

#[test]
fn key_warnings() {
    assert_eq!(warnings("on: push\n"), vec!["yaml11-boolean"]);
    let read = read("on: push\n").unwrap();
    assert_eq!(read.warnings[0].message, "`on` becomes the key \"true\" in Helm (YAML 1.1)");
    assert_eq!(warnings("2.0: a\n1.5: b\n"), vec!["float-key"]);
    assert_eq!(warnings("0x10: a\n10: b\n"), vec!["numeric-key"]);
    assert_eq!(warnings("true: a\n\"on\": b\n"), Vec::<&str>::new());
}

#[test]
fn value_warnings() {
    assert_eq!(warnings("country: NO\n"), vec!["yaml11-boolean"]);
    let read = read("country: NO\n").unwrap();
    assert_eq!(read.warnings[0].message, "`country: NO` is the boolean false in Helm (YAML 1.1)");
    assert!(read.warnings[0].hints[0].starts_with("quote it to keep a string"));
    assert_eq!(warnings("l: [x, y, z]\n"), vec!["yaml11-boolean"]);
    assert_eq!(warnings("version: 1.10\ntag: 1.0\nok: 1.5\n"), vec!["version-number", "version-number"]);
    assert_eq!(warnings("mode: 0755\np: 0o755\nq: 08\n"), vec!["octal-number"]);
    assert_eq!(warnings("big: 9007199254740993\nok: 9007199254740992\n"), vec!["float-precision"]);
    assert_eq!(warnings("a: \"yes\"\nb: true\nc: '1.10'\n"), Vec::<&str>::new());
}

#[test]
fn duplicate_keys_later_wins_in_first_position() {
    let text = "a: 1\nb: 2\na: 3\n";
    let (sources, id) = source(text);
    let first = read_documents(&sources, id, Profile::Helm4, &Limits::default()).unwrap();
    assert_eq!(show(&first.docs[0]), r#"{"a":3.0,"b":2.0}"#);
    let a = &root_map(&first.docs[0])["a"];
    assert_eq!(sources.position(a.key_span().unwrap()), "v.yaml:3:1");
    assert_eq!(a.history.len(), 1);
    assert_eq!(a.history[0].reason, ShadowReason::DuplicateKey);
    assert_eq!(a.history[0].old.value, Value::Float(1.0));
    assert_eq!(first.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), vec!["duplicate-key"]);
    // Two spellings of one Go key: deterministic, later wins.
    assert_eq!(one("off: a\nn: b\n"), r#"{"false":"b"}"#);
    // Different Go keys with one string: Helm picks at random; we warn.
    let got = read("1: a\n1.0: b\n").unwrap();
    assert_eq!(show(&got.docs[0]), r#"{"1":"b"}"#);
    assert!(got.warnings.iter().any(|w| w.code == "duplicate-key" && w.message.contains("at random")));
    // A later map replaces an earlier one whole (no deep merge inside one file).
    assert_eq!(one("a: {p: 1}\na: {q: 2}\n"), r#"{"a":{"q":2.0}}"#);
}

#[test]
fn duplicate_keys_in_maps_of_every_size() {
    // Small maps find a key by comparing, large ones by hashing (the builder switches
    // between them as a map grows): a repeat is found the same way on either side of the
    // switch, and before and after it, with the same result, history and warning.
    for size in [1, 2, 15, 16, 17, 40] {
        for repeated in [0, size / 2, size - 1] {
            let mut text: String = (0..size).map(|i| format!("k{i}: {i}\n")).collect();
            text.push_str(&format!("k{repeated}: again\n"));
            let (sources, id) = source(&text);
            let got = read_documents(&sources, id, Profile::Helm4, &Limits::default()).unwrap();
            let map = root_map(&got.docs[0]);
            let keys: Vec<String> = (0..size).map(|i| format!("k{i}")).collect();
            assert_eq!(map.keys().map(|k| k.to_string()).collect::<Vec<_>>(), keys, "{size} keys, k{repeated} again");
            let node = &map[format!("k{repeated}").as_str()];
            assert_eq!(node.value, Value::Str("again".into()), "{size} keys, k{repeated} again");
            assert_eq!(node.history.len(), 1);
            assert_eq!(node.history[0].old.value, Value::Float(repeated as f64));
            assert_eq!(sources.position(node.key_span().unwrap()), format!("v.yaml:{}:1", size + 1));
            assert_eq!(got.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), vec!["duplicate-key"]);
            // Every other key holds its own value.
            for (i, (_, value)) in map.iter().enumerate().filter(|(i, _)| *i != repeated) {
                assert_eq!(value.value, Value::Float(i as f64));
            }
        }
    }
    // A merge into a map past the switch still loses to a key written after it.
    let mut text = String::from("base: &b {cpu: 1, mem: 2}\nres:\n");
    text.extend((0..20).map(|i| format!("  k{i}: {i}\n")));
    text.push_str("  <<: *b\n  cpu: 9\n");
    let got = read(&text).unwrap();
    let res = root_map(&got.docs[0])["res"].value.as_map().unwrap();
    assert_eq!(res.len(), 22);
    assert_eq!(res["cpu"].value, Value::Float(9.0));
    assert_eq!(res["cpu"].history[0].reason, ShadowReason::MergeKeyOverridden);
    assert_eq!(res["mem"].value, Value::Float(2.0));
}

#[test]
fn merge_keys() {
    assert_eq!(
        one("base: &b\n  cpu: 1\n  mem: 2\nres:\n  <<: *b\n  mem: 4\n"),
        r#"{"base":{"cpu":1.0,"mem":2.0},"res":{"cpu":1.0,"mem":4.0}}"#
    );
    // go-yaml v2: a `<<` after a key overrides it (positional, later wins).
    assert_eq!(
        one("base: &b\n  cpu: 1\n  mem: 2\nres:\n  mem: 4\n  <<: *b\n"),
        r#"{"base":{"cpu":1.0,"mem":2.0},"res":{"mem":2.0,"cpu":1.0}}"#
    );
    assert_eq!(warnings("base: &b {mem: 2}\nres:\n  mem: 4\n  <<: *b\n"), vec!["merge-key-order"]);
    // In a merge list the earlier map wins.
    assert_eq!(
        one("a: &a {x: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n"),
        r#"{"a":{"x":1.0},"b":{"x":2.0,"z":2.0},"c":{"x":1.0,"z":2.0}}"#
    );
    assert_eq!(one("<<: {a: 1}\nb: 2\n"), r#"{"a":1.0,"b":2.0}"#);
    assert_eq!(one("\"<<\": {a: 1}\n"), r#"{"<<":{"a":1.0}}"#);
    assert_eq!(one("a: <<\n"), r#"{"a":"<<"}"#);
    assert_eq!(one("!!merge <<: {x: 1}\n"), r#"{"x":1.0}"#);
    for bad in ["<<: 1\n", "<<: [{a: 1}, 2]\n", "<<:\n", "a: &s x\nb:\n  <<: *s\n", "<<: [[1]]\n"] {
        assert_eq!(code(bad), "yaml-merge-key", "{bad:?}");
    }
    let text = "base: &b\n  mem: 2\nres:\n  <<: *b\n  mem: 4\n";
    let (sources, id) = source(text);
    let read = read_documents(&sources, id, Profile::Helm4, &Limits::default()).unwrap();
    let res = &root_map(&read.docs[0])["res"];
    let mem = &res.value.as_map().unwrap()["mem"];
    assert_eq!(mem.history[0].reason, ShadowReason::MergeKeyOverridden);
    assert_eq!(sources.position(mem.history[0].old.key_span().unwrap()), "v.yaml:2:3");
    assert!(read.warnings.is_empty());
}

#[test]
fn aliases_copy_the_anchored_value() {
    assert_eq!(
        one("a: &x {k: [1, 2]}\nb: *x\nc: &s str\nd: *s\n"),
        r#"{"a":{"k":[1.0,2.0]},"b":{"k":[1.0,2.0]},"c":"str","d":"str"}"#
    );
    assert_eq!(one("a: &x 1\na2: &x 2\nb: *x\n"), r#"{"a":1.0,"a2":2.0,"b":2.0}"#);
    assert_eq!(code("a: &a [*a]\n"), "yaml-alias");
    assert_eq!(code("a: &a {b: {<<: *a}}\n"), "yaml-alias");
    assert_eq!(code("a: *nope\n"), "yaml-syntax");
    // A warning about an anchored scalar is given once, where it is written.
    assert_eq!(warnings("a: &x yes\nb: *x\nc: *x\n"), vec!["yaml11-boolean"]);
}

#[test]
fn syntax_errors_spec_6_8() {
    for bad in [
        "a: b: c\n",
        "a: @foo\n",
        "a: `foo\n",
        "a:\n\tb: 1\n",
        "a: [1, 2\n",
        "a: \"x\n",
        "a:\n  - 1\n  b: 2\n",
        "a: 'x' y\n",
    ] {
        assert_eq!(code(bad), "yaml-syntax", "{bad:?}");
    }
    let e = error("a: b: c\n");
    assert!(e.span.is_some());
    assert!(e.hints[0].starts_with("quote the value"));
}

#[test]
fn billion_laughs_fails_fast() {
    let mut text = String::from("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 9].join(",")));
    }
    let e = error(&text);
    assert_eq!(e.code, "yaml-alias-limit");
    // A tighter limit stops it earlier, still as an alias error.
    let limits = Limits { max_alias_nodes: 1000, ..Limits::default() };
    assert_eq!(read_with(&text, Profile::Helm4, &limits).unwrap_err().code, "yaml-alias-limit");
}

#[test]
fn go_yaml_excessive_aliasing_rule() {
    // Checked against go-yaml v2.4.3: 10 lists of 10 lists of 10, referenced 10 times, is refused
    // (more than 99% of decode steps come from aliases); referenced twice it is accepted.
    let nest = |refs: usize| {
        let mut text = String::from("a0: &a0 [1,1,1,1,1,1,1,1,1,1]\n");
        text.push_str(&format!("a1: &a1 [{}]\n", ["*a0"; 10].join(",")));
        text.push_str(&format!("a2: &a2 [{}]\n", ["*a1"; 10].join(",")));
        text.push_str(&format!("l: [{}]\n", vec!["*a2"; refs].join(",")));
        text
    };
    assert_eq!(code(&nest(10)), "yaml-alias-limit");
    assert!(read(&nest(2)).is_ok());
    // A few aliases in a normal file are fine.
    let mut text = String::from("base: &b {x: 1}\n");
    for i in 0..300 {
        text.push_str(&format!("k{i}: {{v: {i}, w: *b}}\n"));
    }
    assert!(read(&text).is_ok());
}

#[test]
fn deep_flow_nesting_fails_fast() {
    let text = format!("a: {}", "[".repeat(100_000));
    assert_eq!(code(&text), "yaml-depth");
    let text = format!("a: {}", "{a: ".repeat(100_000));
    assert_eq!(code(&text), "yaml-depth");
    let limits = Limits { max_depth: 10, ..Limits::default() };
    let text = format!("a: {}1{}\n", "[".repeat(20), "]".repeat(20));
    assert_eq!(read_with(&text, Profile::Helm4, &limits).unwrap_err().code, "yaml-depth");
}

#[test]
fn deep_block_nesting_fails_fast() {
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&" ".repeat(i % 100_000));
        text.push_str("a:\n");
        if text.len() > 20_000_000 {
            break;
        }
    }
    assert_eq!(code(&text), "yaml-depth");
    let text = "- ".repeat(100_000);
    assert_eq!(code(&text), "yaml-depth");
}

#[test]
fn huge_single_line_reads() {
    let text = format!("a: {}\n", "x".repeat(10_000_000));
    let got = read(&text).unwrap();
    assert_eq!(root_map(&got.docs[0])["a"].value, Value::Str("x".repeat(10_000_000).into()));
    let limits = Limits { max_bytes: 1000, ..Limits::default() };
    assert_eq!(read_with(&text, Profile::Helm4, &limits).unwrap_err().code, "yaml-too-large");
}

#[test]
fn ignored_content_after_an_end_marker_warns() {
    assert_eq!(one("a: 1\n...\nb: 2\n"), r#"{"a":1.0}"#);
    assert_eq!(warnings("a: 1\n...\nb: 2\n"), vec!["yaml-ignored-content"]);
}

#[test]
fn generic_documents() {
    let (sources, id) = source("- a\n- yes\n");
    let doc = read_document(&sources, id, &Limits::default()).unwrap();
    assert_eq!(show(doc.root.as_ref().unwrap()), r#"["a",true]"#);
    assert_eq!(doc.warnings.len(), 1);
    let (sources, id) = source("");
    assert!(read_document(&sources, id, &Limits::default()).unwrap().root.is_none());
    let (sources, id) = source("a: 1\n---\nb: 2\n");
    assert_eq!(read_document(&sources, id, &Limits::default()).unwrap_err().code, "yaml-multiple-documents");
}

#[test]
fn event_lines_follow_test_event_notation() {
    let (sources, id) = source("--- &a !!str x\n");
    assert_eq!(
        event_lines(&sources, id).unwrap(),
        vec!["+STR", "+DOC ---", "=VAL &1 <tag:yaml.org,2002:str> :x", "-DOC", "-STR"]
    );
}

#[test]
fn strings_in_the_tree_hold_no_spare_capacity() {
    // Multi-line and escaped scalars come out of the parser in its scanning buffer; short
    // strings live inline in the node, longer ones on the heap at their exact size.
    let long = "a folded scalar long enough to live on the heap";
    let text = format!(
        "plain: a value\nquoted: \"with \\\"escapes\\\" and more than 24 bytes\"\nfolded: >\n  {long}\n  lines\n"
    );
    let docs = read(&text).unwrap();
    let map = root_map(&docs.docs[0]);
    let mut on_heap = 0;
    for (key, node) in map {
        assert!(!key.is_heap_allocated(), "key {key:?}");
        let Value::Str(text) = &node.value else { panic!("{key} is not a string") };
        if text.len() <= 24 {
            assert!(!text.is_heap_allocated(), "value of {key}");
        } else {
            assert_eq!(text.capacity(), text.len(), "value of {key}");
            on_heap += 1;
        }
    }
    assert_eq!(on_heap, 2);
}

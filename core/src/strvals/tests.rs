//! Unit tests for `apply`: Helm's own `pkg/strvals` test tables, the corners
//! of its parser found by reading it, provenance and positions.

use super::*;
use crate::diag::Severity;
use crate::files::{MemoryFiles, NoFiles};
use crate::node::{Node, ShadowReason};

const ARG: SourceId = SourceId(7);

/// Compact rendering: maps and lists as JSON, `1` for an integer, `1.0` for a float.
fn show(map: &Map) -> String {
    let mut out = String::new();
    show_map(map, &mut out);
    out
}

fn show_map(map: &Map, out: &mut String) {
    out.push('{');
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).unwrap());
        out.push(':');
        show_value(&v.value, out);
    }
    out.push('}');
}

fn show_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(&b.to_string()),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&format!("{f:?}")),
        Value::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                show_value(&item.value, out);
            }
            out.push(']');
        }
        Value::Map(map) => show_map(map, out),
    }
}

/// Values as a values file would give them (numbers are floats).
fn from_json(text: &str) -> Map {
    fn node(v: serde_json::Value) -> Node {
        let span = Span::new(SourceId(0), 0, 0);
        let value = match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Value::Str(s.into()),
            serde_json::Value::Array(items) => Value::List(items.into_iter().map(node).collect()),
            serde_json::Value::Object(map) => {
                Value::from_map(map.into_iter().map(|(k, v)| (k.into(), node(v))).collect())
            }
        };
        Node::new(value, span)
    }
    match node(serde_json::from_str(text).unwrap()).value {
        Value::Map(map) => std::rc::Rc::unwrap_or_clone(map),
        _ => panic!("not a map"),
    }
}

fn apply_to(kind: SetKind, profile: Profile, start: &str, args: &[&str]) -> Result<Map, Diagnostic> {
    let mut values = from_json(start);
    let mut files = MemoryFiles::new();
    for (path, text) in [("path1", "value1"), ("t.txt", "hello\nworld\n"), ("", "EMPTY")] {
        files.insert(path, text);
    }
    for arg in args {
        apply(kind, ARG, arg, &mut values, profile, &files)?;
    }
    Ok(values)
}

fn ok_in(kind: SetKind, start: &str, arg: &str) -> String {
    match apply_to(kind, Profile::Helm4, start, &[arg]) {
        Ok(map) => show(&map),
        Err(e) => panic!("{} {arg:?}: unexpected error {e:?}", kind.flag()),
    }
}

fn ok(kind: SetKind, arg: &str) -> String {
    ok_in(kind, "{}", arg)
}

fn err_in(kind: SetKind, start: &str, arg: &str) -> Diagnostic {
    match apply_to(kind, Profile::Helm4, start, &[arg]) {
        Ok(map) => panic!("{} {arg:?}: expected an error, got {}", kind.flag(), show(&map)),
        Err(e) => e,
    }
}

fn err(kind: SetKind, arg: &str) -> Diagnostic {
    err_in(kind, "{}", arg)
}

fn warnings(kind: SetKind, start: &str, arg: &str) -> Vec<Diagnostic> {
    let mut values = from_json(start);
    apply(kind, ARG, arg, &mut values, Profile::Helm4, &NoFiles).unwrap()
}

fn range(d: &Diagnostic) -> (u32, u32) {
    let span = d.span.expect("positioned");
    assert_eq!(span.source, ARG);
    (span.start, span.end)
}

use SetKind::{Set, SetFile, SetJson, SetLiteral, SetString};

#[test]
fn helm_parse_set_table() {
    let cases = [
        ("name1=null,f=false,t=true", r#"{"name1":null,"f":false,"t":true}"#),
        ("name1=value1", r#"{"name1":"value1"}"#),
        ("name1=value1,name2=value2", r#"{"name1":"value1","name2":"value2"}"#),
        ("name1=value1,name2=value2,", r#"{"name1":"value1","name2":"value2"}"#),
        ("name1=,name2=value2", r#"{"name1":"","name2":"value2"}"#),
        ("leading_zeros=00009", r#"{"leading_zeros":"00009"}"#),
        ("zero_int=0", r#"{"zero_int":0}"#),
        ("long_int=1234567890", r#"{"long_int":1234567890}"#),
        ("boolean=true", r#"{"boolean":true}"#),
        ("is_null=null", r#"{"is_null":null}"#),
        (r"name1=one\,two,name2=three\,four", r#"{"name1":"one,two","name2":"three,four"}"#),
        (r"name1=one\=two,name2=three\=four", r#"{"name1":"one=two","name2":"three=four"}"#),
        ("name1=one two three,name2=three two one", r#"{"name1":"one two three","name2":"three two one"}"#),
        ("outer.inner=value", r#"{"outer":{"inner":"value"}}"#),
        ("outer.middle.inner=value", r#"{"outer":{"middle":{"inner":"value"}}}"#),
        ("outer.inner1=value,outer.inner2=value2", r#"{"outer":{"inner1":"value","inner2":"value2"}}"#),
        ("outer.inner1=value,outer.middle.inner=value", r#"{"outer":{"inner1":"value","middle":{"inner":"value"}}}"#),
        ("name1.name2=", r#"{"name1":{"name2":""}}"#),
        ("name1={value1,value2}", r#"{"name1":["value1","value2"]}"#),
        ("name1={value1,value2},name2={value1,value2}", r#"{"name1":["value1","value2"],"name2":["value1","value2"]}"#),
        ("name1={1021,902}", r#"{"name1":[1021,902]}"#),
        ("name1.name2={value1,value2}", r#"{"name1":{"name2":["value1","value2"]}}"#),
        ("list[0]=foo", r#"{"list":["foo"]}"#),
        ("list[0].foo=bar", r#"{"list":[{"foo":"bar"}]}"#),
        ("list[0].foo=bar,list[0].hello=world", r#"{"list":[{"foo":"bar","hello":"world"}]}"#),
        ("list[0]=foo,list[1]=bar", r#"{"list":["foo","bar"]}"#),
        ("list[0]=foo,list[1]=bar,", r#"{"list":["foo","bar"]}"#),
        ("list[0]=foo,list[3]=bar", r#"{"list":["foo",null,null,"bar"]}"#),
        ("noval[0]", r#"{"noval":[]}"#),
        ("noval[0]=", r#"{"noval":[""]}"#),
        ("nested[0][0]=1", r#"{"nested":[[1]]}"#),
        ("nested[1][1]=1", r#"{"nested":[null,[null,1]]}"#),
        ("name1.name2[0].foo=bar,name1.name2[1].foo=bar", r#"{"name1":{"name2":[{"foo":"bar"},{"foo":"bar"}]}}"#),
        ("name1.name2[1].foo=bar,name1.name2[0].foo=bar", r#"{"name1":{"name2":[{"foo":"bar"},{"foo":"bar"}]}}"#),
        ("name1.name2[1].foo=bar", r#"{"name1":{"name2":[null,{"foo":"bar"}]}}"#),
    ];
    for (arg, want) in cases {
        assert_eq!(ok(Set, arg), want, "{arg:?}");
    }
    for bad in [
        "name1=value1,,,,name2=value2,",
        "name1,name2=",
        "name1,name2=value2",
        "name1,name2=value2\\",
        "name1,name2",
        "name1.name2",
        "name1.name2,name1.name3",
        "name1.=name2",
        "name1.,name2",
        "name1={1021,902",
        "list[0].foo=bar,list[-30].hello=world",
        "list[0]=foo,list[-20]=bar",
        "illegal[0]name.foo=bar",
        "]={}].",
    ] {
        err(Set, bad);
    }
}

#[test]
fn helm_parse_set_string_table() {
    assert_eq!(ok(SetString, "long_int_string=1234567890"), r#"{"long_int_string":"1234567890"}"#);
    assert_eq!(ok(SetString, "boolean=true"), r#"{"boolean":"true"}"#);
    assert_eq!(ok(SetString, "is_null=null"), r#"{"is_null":"null"}"#);
    assert_eq!(ok(SetString, "zero=0"), r#"{"zero":"0"}"#);
    assert_eq!(ok(SetString, "a={1,null}"), r#"{"a":["1","null"]}"#);
    assert_eq!(
        ok_in(SetString, r#"{"outer":{"inner1":"overwrite","inner2":"value2"}}"#, "outer.inner1=1,outer.inner3=3"),
        r#"{"outer":{"inner1":"1","inner2":"value2","inner3":"3"}}"#
    );
}

#[test]
fn helm_parse_into_table() {
    assert_eq!(
        ok_in(
            Set,
            r#"{"outer":{"inner1":"overwrite","inner2":"value2"}}"#,
            "outer.inner1=value1,outer.inner3=value3,outer.inner4=4"
        ),
        r#"{"outer":{"inner1":"value1","inner2":"value2","inner3":"value3","inner4":4}}"#
    );
    let two = |a: &str, b: &str, start: &str| show(&apply_to(Set, Profile::Helm4, start, &[a, b]).unwrap());
    assert_eq!(
        two("listOuter[0][0].type=listValue", "listOuter[0][0].status=alive", "{}"),
        r#"{"listOuter":[[{"type":"listValue","status":"alive"}]]}"#
    );
    assert_eq!(
        two("listOuter[0][0].type=listValue", "listOuter[1][0].status=alive", "{}"),
        r#"{"listOuter":[[{"type":"listValue"}],[{"status":"alive"}]]}"#
    );
    assert_eq!(
        two(
            "listOuter[0][1][0].type=listValue",
            "listOuter[0][0][1].status=alive",
            r#"{"listOuter":[[[{"exited":"old"}]]]}"#
        ),
        r#"{"listOuter":[[[{"exited":"old"},{"status":"alive"}],[{"type":"listValue"}]]]}"#
    );
}

#[test]
fn helm_parse_json_table() {
    assert_eq!(
        ok_in(
            SetJson,
            r#"{"outer":{"inner1":"overwrite","inner2":"value2"}}"#,
            r#"outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true""#
        ),
        r#"{"outer":{"inner1":"1","inner2":"value2","inner3":3.0,"inner4":true,"inner5":"true"}}"#
    );
    assert_eq!(
        ok_in(
            SetJson,
            r#"{"outer":{"inner1":{"x":"overwrite"},"inner2":"value2","inner3":["overwrite"]}}"#,
            r#"outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5=[{"A":"1","B":2,"C":[1,2,3]}]"#
        ),
        r#"{"outer":{"inner1":{"a":"1","b":2.0,"c":[1.0,2.0,3.0]},"inner2":"value2","inner3":["new value 1","new value 2"],"inner4":{"aa":"1","bb":2.0,"cc":[1.0,2.0,3.0]},"inner5":[{"A":"1","B":2.0,"C":[1.0,2.0,3.0]}]}}"#
    );
    assert_eq!(
        ok_in(
            SetJson,
            r#"{"outer":{"inner1":{"x":"overwrite"},"inner2":"value2"}}"#,
            r#"outer.inner1=,outer.inner3={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner3.cc[1]=null"#
        ),
        r#"{"outer":{"inner1":null,"inner2":"value2","inner3":{"aa":"1","bb":2.0,"cc":[1.0,null,3.0]}}}"#
    );
    err(
        SetJson,
        r#"outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5={"A":"1","B":2,"C":[1,2,3]}]"#,
    );
}

#[test]
fn helm_parse_file_and_literal_tables() {
    assert_eq!(ok(SetFile, "name1=path1"), r#"{"name1":"value1"}"#);
    assert_eq!(ok(SetFile, "a=t.txt,b={path1,t.txt}"), r#"{"a":"hello\nworld\n","b":["value1","hello\nworld\n"]}"#);
    assert_eq!(ok(SetFile, "a="), r#"{"a":""}"#, "an empty value at the end reads no file");
    assert_eq!(ok(SetFile, "a=,b=path1"), r#"{"a":"EMPTY","b":"value1"}"#, "but before a comma it reads the path ``");
    let e = err(SetFile, "a=path1,b=missing.txt");
    assert_eq!(
        (e.code, e.message.as_str(), range(&e)),
        ("set-file-missing", "cannot read `missing.txt`: no such file or directory", (10, 21))
    );

    let cases = [
        ("name=", r#"{"name":""}"#),
        ("name=value", r#"{"name":"value"}"#),
        ("long_int_string=1234567890", r#"{"long_int_string":"1234567890"}"#),
        ("boolean=true", r#"{"boolean":"true"}"#),
        ("is_null=null", r#"{"is_null":"null"}"#),
        ("name1=null,name2=value2", r#"{"name1":"null,name2=value2"}"#),
        ("name1=value,,,tail", r#"{"name1":"value,,,tail"}"#),
        ("outer.middle.inner=value", r#"{"outer":{"middle":{"inner":"value"}}}"#),
        ("name1.name2=", r#"{"name1":{"name2":""}}"#),
        ("name1={value1,value2}", r#"{"name1":"{value1,value2}"}"#),
        ("list[0]=foo", r#"{"list":["foo"]}"#),
        ("list[0].foo=bar", r#"{"list":[{"foo":"bar"}]}"#),
        ("list[3]=bar", r#"{"list":[null,null,null,"bar"]}"#),
        ("noval[0]", r#"{"noval":[]}"#),
        ("noval[0]=", r#"{"noval":[""]}"#),
        ("nested[0][0]=1", r#"{"nested":[["1"]]}"#),
        ("name=val.val=x", r#"{"name":"val.val=x"}"#),
        (r"name=val\val", r#"{"name":"val\\val"}"#),
        (r"a\b=1", r#"{"a\\b":"1"}"#),
        ("a,b=1", r#"{"a,b":"1"}"#),
    ];
    for (arg, want) in cases {
        assert_eq!(ok(SetLiteral, arg), want, "{arg:?}");
    }
    for bad in [
        "name",
        "name1.name2",
        "name1.=name2",
        "name1.,name2",
        "list[-30].hello=world",
        "illegal[0]name.foo=bar",
        r"a\.b",
    ] {
        err(SetLiteral, bad);
    }
}

#[test]
fn typing_and_brace_lists() {
    assert_eq!(
        ok(Set, "a=007,b=0,c=-1,d=+1,e=1.5,f=1e3,g=0x1F,h=True,i=yes,j=Null,k=-0,l=00,p=FALSE,q=on"),
        r#"{"a":"007","b":0,"c":-1,"d":1,"e":"1.5","f":"1e3","g":"0x1F","h":true,"i":"yes","j":null,"k":0,"l":"00","p":false,"q":"on"}"#
    );
    assert_eq!(ok(Set, "a={}"), r#"{"a":[""]}"#);
    assert_eq!(ok(Set, "a={,}"), r#"{"a":["",""]}"#);
    assert_eq!(ok(Set, "a={x}b=1"), r#"{"a":["x"],"b":1}"#, "after `}}` the next item may start at once");
    assert_eq!(ok(Set, "a= {x}"), r#"{"a":" {x}"}"#, "a list must start right after `=`");
    assert_eq!(ok(Set, r"a=\{x}"), r#"{"a":"{x}"}"#);
    assert_eq!(ok(Set, r"a={x\,y,z\}}"), r#"{"a":["x,y","z}"]}"#);
    assert_eq!(ok(Set, "a={true,null,7,07}"), r#"{"a":[true,null,7,"07"]}"#);
    assert_eq!(ok(Set, r"a=b\"), r#"{"a":"b"}"#, "a trailing backslash is dropped");
    assert_eq!(ok(Set, r#"a."b.c"=1"#), r#"{"a":{"\"b":{"c\"":1}}}"#);
    assert_eq!(
        ok(Set, r"nodeSelector.kubernetes\.io/role=master"),
        r#"{"nodeSelector":{"kubernetes.io/role":"master"}}"#
    );
    assert_eq!(ok(Set, "a=b=c"), r#"{"a":"b=c"}"#);
    assert_eq!(ok(Set, "a=1, b=2"), r#"{"a":1," b":2}"#);
    let e = err(Set, "a={x,y");
    assert_eq!((e.code, range(&e)), ("set-syntax", (2, 3)));
    err(Set, "a={{x}}");
}

#[test]
fn odd_keys_follow_helm() {
    // The empty key is never stored.
    assert_eq!(ok(Set, "=x,a=1"), r#"{"a":1}"#);
    assert_eq!(ok(Set, ".a=1"), "{}");
    assert_eq!(ok(Set, "[0]=1"), "{}");
    // Ending the argument after a dot (or inside `a.=`) is the end of input, not an error.
    assert_eq!(ok(Set, "x=1,a."), r#"{"x":1}"#);
    assert_eq!(ok(Set, "a.="), "{}");
    assert_eq!(ok(Set, r"x=1,\"), r#"{"x":1}"#);
    err(Set, "a.=,");
    err(Set, "a.=x");
    err(SetJson, "a.=");
    err(SetLiteral, "a.=");
    err(Set, "a..b=1");
    // ... but with a non-empty map there, the empty inner key is just skipped.
    assert_eq!(ok_in(Set, r#"{"a":{"x":1}}"#, "a..b=1"), r#"{"a":{"x":1.0}}"#);
    // An existing empty key is written in place.
    assert_eq!(ok_in(Set, r#"{"":{"x":1}}"#, ".a=1"), r#"{"":{"x":1.0,"a":1}}"#);
    assert_eq!(ok_in(Set, r#"{"":[1,2]}"#, "[0]=5"), r#"{"":[5,2.0]}"#);
    assert_eq!(ok_in(Set, r#"{"":[1]}"#, "[3]=5"), r#"{"":[1.0]}"#);
    err_in(Set, r#"{"":"s"}"#, ".a=1");
}

#[test]
fn nesting_limit_counts_dots_not_after_indexes() {
    let path = |n: usize| (0..=n).map(|i| format!("k{i}")).collect::<Vec<_>>().join(".");
    ok(Set, &format!("{}=v", path(30)));
    let e = err(Set, &format!("{}=v", path(31)));
    assert_eq!(e.code, "set-nesting");
    let dot = format!("{}=v", path(31)).match_indices('.').nth(30).unwrap().0 as u32;
    assert_eq!(range(&e), (dot, dot + 1));
    // `].` does not count: 40 list-of-map levels are fine.
    let deep = "a[0].".repeat(40) + "b=1";
    ok(Set, &deep);
    ok(SetLiteral, &format!("{}=v", path(30)));
    err(SetLiteral, &format!("{}=v", path(31)));
}

#[test]
fn list_indexes() {
    assert_eq!(ok(Set, "a[+01]=x"), r#"{"a":[null,"x"]}"#);
    assert_eq!(ok(Set, r"a[\1]=x"), r#"{"a":[null,"x"]}"#);
    assert_eq!(ok(Set, "a[-0]=x"), r#"{"a":["x"]}"#);
    assert_eq!(ok(Set, "a[3]"), r#"{"a":[]}"#, "no value: an empty list, no padding");
    assert_eq!(ok(Set, "a[70000]"), r#"{"a":[]}"#, "the bound is checked only when storing");
    assert_eq!(ok(Set, "a[70000][0]"), r#"{"a":[]}"#);
    assert_eq!(ok_in(Set, r#"{"a":[1,2]}"#, "a[5]"), r#"{"a":[1.0,2.0]}"#);
    let long = ok(Set, "a[65536]=x");
    assert!(long.ends_with(r#"null,"x"]}"#) && long.matches("null").count() == 65536);
    for (bad, code, at) in [
        ("a[65537]=x", "set-index", (1, 8)),
        ("xy[-1]=2", "set-index", (2, 6)),
        ("a[ 1]=x", "set-index", (2, 4)),
        ("a[]=x", "set-index", (2, 2)),
        ("a[x]=1", "set-index", (2, 3)),
        ("a[99999999999999999999]=1", "set-index", (2, 22)),
        ("a[0]x=1", "set-index", (4, 5)),
        ("a[0],b=1", "set-index", (4, 6)),
        ("a[0].b[70000].c=1", "set-index", (6, 13)),
    ] {
        let e = err(Set, bad);
        assert_eq!((e.code, range(&e)), (code, at), "{bad:?}");
    }
    // Padding is bounded per argument.
    let many: Vec<String> = (0..5).map(|i| format!("l{i}[65536]=x")).collect();
    let e = err(Set, &many.join(","));
    assert_eq!(e.code, "set-index");
}

#[test]
fn unclosed_index_ends_helm4_but_fails_helm3() {
    for (arg, want) in
        [("x=1,a[1", r#"{"x":1}"#), ("a[0][1", r#"{"a":[]}"#), ("a[0].b[1", r#"{"a":[]}"#), ("b.c[2", r#"{}"#)]
    {
        assert_eq!(show(&apply_to(Set, Profile::Helm4, "{}", &[arg]).unwrap()), want, "{arg:?}");
        let e = apply_to(Set, Profile::Helm3, "{}", &[arg]).unwrap_err();
        assert_eq!(e.code, "set-index", "{arg:?}");
    }
    assert_eq!(show(&apply_to(SetLiteral, Profile::Helm4, "{}", &["a[1"]).unwrap()), "{}");
    assert!(apply_to(SetLiteral, Profile::Helm3, "{}", &["a[1"]).is_err());
    // With an existing list, what was written in place before the end stays.
    assert_eq!(ok_in(Set, r#"{"a":[5]}"#, "a[0].b[1"), r#"{"a":[{}]}"#);
    assert_eq!(ok_in(Set, r#"{"a":[5]}"#, "a[0]."), r#"{"a":[{}]}"#);
    assert_eq!(ok_in(Set, r#"{"a":[[5]]}"#, "a[0][0]."), r#"{"a":[[{}]]}"#);
}

#[test]
fn writing_into_existing_values() {
    let e = err_in(Set, r#"{"a":1}"#, "a.b=2");
    assert_eq!(
        (e.code, e.message.as_str(), range(&e)),
        ("set-type-conflict", "cannot set a key under `a`: it is a number, not a map", (0, 1))
    );
    err_in(Set, r#"{"a":null}"#, "a.b=2");
    err_in(Set, r#"{"a":[1]}"#, "a.b=2");
    let e = err_in(Set, r#"{"a":null}"#, "a[0]=1");
    assert_eq!(e.message, "cannot index `a`: it is a null, not a list");
    err_in(Set, r#"{"a":{}}"#, "a[0]=1");
    err_in(Set, r#"{"a":["s"]}"#, "a[0][0]=1");
    assert_eq!(ok_in(Set, r#"{"a":[null]}"#, "a[0][1]=1"), r#"{"a":[[null,1]]}"#);
    assert_eq!(ok_in(Set, r#"{"a":{"b":1}}"#, "a=2"), r#"{"a":2}"#);
    assert_eq!(ok_in(Set, r#"{"a":[1,2,3]}"#, "a[1]=x"), r#"{"a":[1.0,"x",3.0]}"#);
    assert_eq!(ok_in(Set, r#"{"a":[1]}"#, "a[2]=x"), r#"{"a":[1.0,null,"x"]}"#);
    assert_eq!(ok_in(Set, r#"{"a":["s",{"k":1}]}"#, "a[0].x=1,a[1].y=2"), r#"{"a":[{"x":1},{"k":1.0,"y":2}]}"#);
    assert_eq!(ok_in(Set, r#"{"a":{"b":{"c":1}}}"#, "a.b.d=2"), r#"{"a":{"b":{"c":1.0,"d":2}}}"#);
    let twice = apply_to(Set, Profile::Helm4, "{}", &["a=1", "a.b=2"]);
    assert_eq!(twice.unwrap_err().code, "set-type-conflict");
}

#[test]
fn set_json_key_form_reads_like_go_decoder() {
    assert_eq!(
        ok(SetJson, "a=1.5,b=12345678901234567890,c=9007199254740993,d=10"),
        r#"{"a":1.5,"b":1.2345678901234567e19,"c":9007199254740992.0,"d":10.0}"#
    );
    assert_eq!(ok(SetJson, r#"d="s",e=true,f=null,g=,h="true""#), r#"{"d":"s","e":true,"f":null,"g":null,"h":"true"}"#);
    assert_eq!(ok(SetJson, "a= ,b=  \t"), r#"{"a":null,"b":null}"#);
    assert_eq!(ok(SetJson, "a=1x=2"), r#"{"a":1.0,"x":2.0}"#, "Go's Decoder stops after `1`");
    assert_eq!(ok(SetJson, r#"a="x" b=2"#), r#"{"a":"x","b":2.0}"#);
    assert_eq!(ok(SetJson, "a=[1,2] , b={}"), r#"{"a":[1.0,2.0]," b":{}}"#);
    assert_eq!(ok(SetJson, r#"a={"k":1,"k":2}"#), r#"{"a":{"k":2.0}}"#);
    assert_eq!(ok(SetJson, "a[1]=true,a[0]="), r#"{"a":[null,true]}"#);
    assert_eq!(ok(SetJson, r#"a=1e-400"#), r#"{"a":0.0}"#);
    assert_eq!(ok(SetJson, "a=01=2"), r#"{"a":0.0,"1":2.0}"#);
    assert_eq!(ok(SetJson, r#"a\.b="x""#), r#"{"a.b":"x"}"#);
    for bad in ["a=hello", "a={x", "a=01", "a=truex", "a=1e400", "a=[1,]", "a=-", r#"a="abc"#, "a=1,,b=2", "a=1 , ,b=2"]
    {
        err(SetJson, bad);
    }
    let e = err(SetJson, "a=1,b=hello");
    assert_eq!((e.code, range(&e)), ("set-json-syntax", (6, 7)));
    let e = err(SetJson, r#"a={"x":1}]"#);
    assert_eq!((e.code, range(&e)), ("set-no-value", (9, 10)));
}

#[test]
fn set_json_object_form() {
    let start = r#"{"foo":{"keep":1,"bar":"old"},"l":[1,2]}"#;
    assert_eq!(
        ok_in(SetJson, start, r#" {"foo": {"bar": "baz"}, "l": [3]} "#),
        r#"{"foo":{"keep":1.0,"bar":"baz"},"l":[3.0]}"#
    );
    assert_eq!(ok_in(SetJson, start, "{}"), show(&from_json(start)));
    let e = err(SetJson, "{invalid");
    assert_eq!((e.code, range(&e)), ("set-json-syntax", (1, 2)));
    let e = err(SetJson, r#"  {"a":1} x"#);
    assert_eq!((e.code, range(&e)), ("set-json-syntax", (10, 11)));
    // Helm 3 has no object form: the text is read as `path=JSON` items.
    let helm3 = |arg: &str| apply_to(SetJson, Profile::Helm3, start, &[arg]);
    let e = helm3(r#"{"foo": {"bar": "baz"}}"#).unwrap_err();
    assert_eq!(e.code, "set-no-value");
    assert!(e.hints.iter().any(|h| h.contains("Helm 3 has no whole-object")));
    assert!(helm3("{}").is_err());
    assert!(helm3(r#"{"a":1,"b":2}"#).is_err());
    assert_eq!(show(&helm3("{a=1").unwrap()), r#"{"foo":{"keep":1.0,"bar":"old"},"l":[1.0,2.0],"{a":1.0}"#);
    assert!(apply_to(SetJson, Profile::Helm4, start, &["{a=1"]).is_err());
}

#[test]
fn warnings_are_few_and_positioned() {
    let w = warnings(Set, "{}", "a=007,b=1.5,c=yes,d=True,e=NULL,f=7,g=true,h=hello,i={1e3}");
    let got: Vec<_> = w.iter().map(|d| (d.code, range(d))).collect();
    assert_eq!(
        got,
        [
            ("set-typing", (2, 5)),
            ("set-typing", (8, 11)),
            ("set-typing", (14, 17)),
            ("set-typing", (20, 24)),
            ("set-typing", (27, 31)),
            ("set-typing", (54, 57))
        ]
    );
    assert!(w.iter().all(|d| d.severity == Severity::Warning && !d.hints.is_empty()));
    assert!(warnings(SetString, "{}", "a=007,b=True").is_empty());
    assert!(warnings(SetLiteral, "{}", "a=007").is_empty());

    let w = warnings(Set, "{}", "a=1, b=2");
    assert_eq!(w.iter().map(|d| (d.code, range(d))).collect::<Vec<_>>(), [("set-key-space", (4, 6))]);
    assert!(warnings(Set, r#"{" b":1}"#, "a=1, b=2").is_empty(), "only new keys are flagged");

    let w = warnings(SetJson, "{}", "a=9007199254740993,b=9007199254740992,c=[12345678901234567890]");
    assert_eq!(
        w.iter().map(|d| (d.code, range(d))).collect::<Vec<_>>(),
        [("set-json-precision", (2, 18)), ("set-json-precision", (41, 61))]
    );

    let w = warnings(SetJson, r#"{"m":{"x":1},"e":{},"s":1}"#, r#"m={"y":2},e={"y":2},s={"y":2},n={}"#);
    assert_eq!(w.iter().map(|d| (d.code, range(d))).collect::<Vec<_>>(), [("set-json-replaces-map", (0, 1))]);
    assert!(warnings(SetJson, r#"{"m":{"x":1}}"#, "m=1").is_empty());
}

#[test]
fn error_positions_and_messages() {
    let e = err(Set, "a=1,,b=2");
    assert_eq!((e.code, e.message.as_str(), range(&e)), ("set-syntax", "empty item before `,`", (4, 5)));
    let e = err(Set, "a.b");
    assert_eq!((e.code, e.message.as_str(), range(&e)), ("set-no-value", "key `a.b` has no value", (2, 3)));
    let e = err(Set, "x=1,name1,name2=v");
    assert_eq!((e.code, range(&e)), ("set-no-value", (4, 9)));
    let e = err(Set, "ab.=c");
    assert_eq!((e.code, range(&e)), ("set-syntax", (2, 3)));
    for e in [err(Set, "a=1,,b=2"), err(Set, "a.b"), err(Set, "a[x]=1"), err(SetJson, "a=x")] {
        assert!(e.is_error());
        assert!(!e.message.ends_with('.') && e.message.chars().next().is_some_and(|c| !c.is_uppercase()));
        assert!(!e.hints.is_empty());
    }
}

#[test]
fn provenance_spans_and_history() {
    let mut values = from_json(r#"{"a":{"b":"old"},"l":["x","y"]}"#);
    let text = "a.b=new,a.c={1,2},l[3]=z,n.m[1].k=v";
    apply(Set, ARG, text, &mut values, Profile::Helm4, &NoFiles).unwrap();
    let at = |node: &Node| &text[node.span.start as usize..node.span.end as usize];
    let key_at = |node: &Node| node.key_span().map(|s| &text[s.start as usize..s.end as usize]);

    let a = values["a"].value.as_map().unwrap();
    let b = &a["b"];
    assert_eq!((at(b), key_at(b)), ("new", Some("b")));
    assert_eq!(b.history.len(), 1);
    assert_eq!(b.history[0].reason, ShadowReason::Replaced);
    assert_eq!(b.history[0].old.value, Value::Str("old".into()));
    let c = &a["c"];
    assert_eq!((at(c), key_at(c)), ("{1,2}", Some("c")));
    let Value::List(items) = &c.value else { panic!() };
    assert_eq!(items.iter().map(at).collect::<Vec<_>>(), ["1", "2"]);

    let Value::List(l) = &values["l"].value else { panic!() };
    assert_eq!(l.len(), 4);
    assert_eq!((at(&l[2]), at(&l[3])), ("[3]", "z"));
    assert!(l[0].history.is_empty());

    let n = &values["n"];
    assert_eq!((at(n), key_at(n)), ("m[1].k=v", Some("n")));
    let m = &n.value.as_map().unwrap()["m"];
    assert_eq!((at(m), key_at(m)), ("[1].k=v", Some("m")));
    let Value::List(m_items) = &m.value else { panic!() };
    assert_eq!((at(&m_items[0]), at(&m_items[1])), ("[1]", "k=v"));
    let k = &m_items[1].value.as_map().unwrap()["k"];
    assert_eq!((at(k), key_at(k)), ("v", Some("k")));
    assert_eq!(k.span.source, ARG);
}

#[test]
fn provenance_of_list_replacement_and_json() {
    let mut values = from_json(r#"{"l":[1,2,3]}"#);
    let text = r#"l=[9],o={"k":1}"#;
    apply(SetJson, ARG, text, &mut values, Profile::Helm4, &NoFiles).unwrap();
    let l = &values["l"];
    assert_eq!(l.history[0].reason, ShadowReason::ListReplaced { dropped: 2 });
    assert_eq!((l.span.start, l.span.end), (2, 5));
    let o = &values["o"];
    let k = &o.value.as_map().unwrap()["k"];
    assert_eq!(k.key_span().map(|s| (s.start, s.end)), Some((9, 12)));
    assert_eq!((k.span.start, k.span.end), (13, 14));
}

#[test]
fn deep_inputs_fail_cleanly() {
    let deep = "a".to_string() + &"[0]".repeat(MAX_DEPTH + 5) + "=1";
    assert_eq!(err(Set, &deep).code, "set-nesting");
    let ok_deep = "a".to_string() + &"[0]".repeat(MAX_DEPTH - 1) + "=1";
    ok(Set, &ok_deep);
    let json = format!("a={}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(err(SetJson, &json).code, "set-json-syntax");
    let object = format!("{}{}", r#"{"a":"#.repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
    assert_eq!(err(SetJson, &object).code, "set-json-syntax");
}

#[test]
fn garbage_never_panics() {
    let pieces = ["a", "=", ".", "[", "]", ",", "\\", "{", "}", "0", "-1", "\"", " ", "é", "65537", "null", ":"];
    let mut state = 12345u32;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(state % 12) {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            text.push_str(pieces[(state >> 16) as usize % pieces.len()]);
        }
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
        for kind in SetKind::ORDER {
            for profile in [Profile::Helm4, Profile::Helm3] {
                let mut values = from_json(r#"{"a":{"b":[1,{"c":null}]},"":[1]}"#);
                let _ = apply(kind, ARG, &text, &mut values, profile, &NoFiles);
            }
        }
    }
}

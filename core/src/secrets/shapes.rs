//! Secrets a string carries by their shape, whatever key holds the string.
//!
//! - the password of a URL (`postgres://app:hunter2@db/app`, `redis://:s3cret@redis:6379`);
//! - secret query parameters (`?token=`, `&access_token=`, `?apikey=`, `&sig=`) and the token
//!   part of Slack, Discord and Teams webhook URLs;
//! - `key=value` and `key: value` pairs written inside the string whose key is a secret key
//!   (`Password=...;` in a connection string, `--db-password=...`, `"token": "..."` in JSON,
//!   `password: ...` on a line of an embedded config file);
//! - well-known token formats: PEM private keys, AWS access key ids, GitHub, GitLab, Slack
//!   and Stripe tokens, JWTs.
//!
//! Only the secret part is masked (`postgres://app:••••••@db/app`), so what is not secret
//! (scheme, user, host, database) still shows and still compares. A reference in the secret
//! part (`${DB_PASSWORD}`, `$(TOKEN)`, `{{ .Values.token }}`, a `secrets.references`
//! pattern) is not a secret. Deterministic, no regular expressions: byte scans over ASCII
//! delimiters, so every range starts and ends on a character boundary.

use super::MASK;
use std::ops::Range;

/// What the scan asks of the secret rules.
pub struct Judge<'a> {
    /// Whether a key (`password`, `db.password`, `--api-key`) names a secret.
    pub secret_key: &'a dyn Fn(&str) -> bool,
    /// Whether a value is a reference to a secret (`secrets.references`).
    pub reference: &'a dyn Fn(&str) -> bool,
}

/// `text` with every secret it carries replaced by the mask; `None` when it carries none.
pub fn redacted(text: &str, judge: &Judge) -> Option<String> {
    let spans = secret_spans(text, judge);
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push_str(MASK);
        at = span.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// The byte ranges of `text` that hold secrets: sorted, not overlapping.
pub fn secret_spans(text: &str, judge: &Judge) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // Most values are short words: one pass over the bytes rules out the shapes
    // they cannot hold before any substring search.
    let (mut colon, mut equals, mut scheme, mut dashes, mut pem) = (false, false, false, 0, false);
    // Every token format holds one of these: `_` or `-` in its prefix, or `AKIA`, `ASIA`, `eyJ`.
    let mut token_byte = false;
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b':' => colon = true,
            b'=' => equals = true,
            b'_' | b'J' | b'K' | b'S' => token_byte = true,
            b'/' if at >= 2 && &bytes[at - 2..at] == b":/" => scheme = true,
            b'-' => {
                token_byte = true;
                dashes += 1;
                pem |= dashes == 5;
                continue;
            }
            _ => {}
        }
        dashes = 0;
    }
    if pem && text.len() >= PEM_MIN && private_key(text) {
        return std::iter::once(0..text.len()).collect();
    }
    let mut spans = Vec::new();
    if scheme {
        urls(text, judge, &mut spans);
    }
    if colon || equals {
        pairs(text, judge, &mut spans);
    }
    if token_byte && text.len() >= TOKEN_MIN {
        tokens(text, &mut spans);
    }
    spans.sort_by_key(|span| (span.start, span.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// A PEM private key (`-----BEGIN RSA PRIVATE KEY-----`, `OPENSSH`, `EC`, `ENCRYPTED`, PGP's
/// `PRIVATE KEY BLOCK`): the whole value is the key. Certificates and public keys are not secret.
fn private_key(text: &str) -> bool {
    text.match_indices("-----BEGIN ").any(|(at, _)| {
        let header = &text[at..];
        let header = &header[..header.find('\n').unwrap_or(header.len())];
        header.contains("PRIVATE KEY")
    })
}

/// Where a URL's authority (`user:password@host:port`) ends.
fn ends_authority(c: char) -> bool {
    matches!(c, '/' | '?' | '#') || ends_url(c)
}

/// Where a URL written in text ends.
fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`')
}

/// Every `scheme://` in the text: its password, secret query parameters, webhook tokens.
fn urls(text: &str, judge: &Judge, out: &mut Vec<Range<usize>>) {
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let sep = from + found;
        from = sep + 3;
        let scheme_start = text[..sep]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if !text[scheme_start..sep].starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let rest = &text[from..];
        let authority_end = rest.find(ends_authority).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        let mut host = authority;
        if let Some(at) = authority.rfind('@') {
            host = &authority[at + 1..];
            if let Some(colon) = authority[..at].find(':') {
                let password = &authority[colon + 1..at];
                if !password.is_empty() && !placeholder(password, judge) {
                    out.push(from + colon + 1..from + at);
                }
            }
        }
        let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
        let tail_end = rest[authority_end..].find(ends_url).map_or(rest.len(), |i| authority_end + i);
        let tail = &rest[authority_end..tail_end];
        let tail = &tail[..tail.find('#').unwrap_or(tail.len())];
        let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
        webhook(&host, path, from + authority_end, out);
        let query_start = from + authority_end + path.len() + 1;
        let mut at = query_start;
        for param in query.split('&') {
            if let Some((name, value)) = param.split_once('=') {
                if secret_parameter(name, judge) && !value.is_empty() && !placeholder(value, judge) {
                    let start = at + name.len() + 1;
                    out.push(start..start + value.len());
                }
            }
            at += param.len() + 1;
        }
        // The next search starts right after this `://`, not after this URL: a URL
        // inside this one (`?next=https://u:p@host`) has secrets of its own.
    }
}

/// Query parameters that carry a credential: the secret keys, and what signs or keys a URL.
fn secret_parameter(name: &str, judge: &Judge) -> bool {
    const NAMES: [&str; 6] = ["key", "sig", "signature", "x-amz-signature", "pass", "pwd"];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)) || (judge.secret_key)(name)
}

/// The token in the path of an incoming-webhook URL: Slack (`hooks.slack.com/services/T/B/token`),
/// Discord (`discord.com/api/webhooks/id/token`), Microsoft Teams (`.../IncomingWebhook/id/guid`).
fn webhook(host: &str, path: &str, path_start: usize, out: &mut Vec<Range<usize>>) {
    let segments = || {
        path.split('/').scan(path_start, |at, segment| {
            let start = *at;
            *at += segment.len() + 1;
            Some((start, segment))
        })
    };
    let mask_from = |index: usize, out: &mut Vec<Range<usize>>| {
        for (start, segment) in segments().skip(index).filter(|(_, s)| !s.is_empty()) {
            out.push(start..start + segment.len());
        }
    };
    let names: Vec<&str> = path.split('/').collect();
    if host == "hooks.slack.com" && names.len() > 3 {
        // `/services/T000/B000/XXXX`, `/workflows/...`, `/triggers/...`: the last segment.
        if let Some((start, last)) = segments().filter(|(_, s)| !s.is_empty()).last() {
            out.push(start..start + last.len());
        }
    } else if ["discord.com", "discordapp.com"].iter().any(|d| host == *d || host.ends_with(&format!(".{d}"))) {
        // `/api/webhooks/<id>/<token>`
        if names.get(1..3) == Some(&["api", "webhooks"][..]) && names.len() > 4 {
            mask_from(4, out);
        }
    } else if host.ends_with(".webhook.office.com") || host == "outlook.office.com" {
        if let Some(at) = names.iter().position(|n| n.eq_ignore_ascii_case("IncomingWebhook")) {
            mask_from(at + 1, out);
        }
    }
}

/// `key=value` and `key: value` written inside the text, whose key is a secret key:
/// connection strings (`Server=db;Password=...;`), libpq (`host=db password=...`), command
/// lines (`--password=...`), properties (`db.password=...`), JSON (`"token": "..."`), and
/// lines of YAML or INI (`password: ...`, `api_key = ...`).
fn pairs(text: &str, judge: &Judge, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let is_key_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    let mut i = 0;
    while i < bytes.len() {
        if !is_key_byte(bytes[i]) || (i > 0 && is_key_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_key_byte(bytes[i]) {
            i += 1;
        }
        let key = &text[start..i];
        let quote = start.checked_sub(1).map(|q| bytes[q]).filter(|q| matches!(q, b'"' | b'\''));
        let mut j = i;
        if let Some(q) = quote {
            if bytes.get(j) != Some(&q) {
                continue;
            }
            j += 1;
        }
        while bytes.get(j) == Some(&b' ') {
            j += 1;
        }
        let value_start = match bytes.get(j) {
            Some(b'=') if bytes.get(j + 1) != Some(&b'=') => j + 1,
            // `key: value` only as a key: quoted (JSON) or first on its line (YAML), and
            // followed by a space, so `host:port` and `https://` are not pairs.
            Some(b':') if quote.is_some() || matches!(bytes.get(j + 1), None | Some(b' ' | b'\t' | b'"' | b'\'')) => {
                let line_start = text[..start - usize::from(quote.is_some())].rfind('\n').map_or(0, |n| n + 1);
                let before = text[line_start..start - usize::from(quote.is_some())].trim_start();
                let first_on_line = before.is_empty() || before == "-" || before == "{";
                if quote.is_none() && !first_on_line {
                    continue;
                }
                j + 1
            }
            _ => continue,
        };
        if !(judge.secret_key)(key) {
            continue;
        }
        let form = match (bytes[j], quote) {
            (b'=', _) => Form::Assign,
            (_, Some(_)) => Form::Json,
            _ => Form::Line,
        };
        if let Some(range) = pair_value(text, value_start, form) {
            let value = &text[range.clone()];
            if !placeholder(value, judge) && !matches!(value, "true" | "false" | "null" | "~" | "|" | ">" | "|-" | ">-")
            {
                out.push(range);
            }
        }
        i = j;
    }
}

/// How a pair is written.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// `key=value`: the value ends at a space, `;` or `&`.
    Assign,
    /// `key: value` first on a line: the value is the rest of the line.
    Line,
    /// `"key": value`: the value ends at `,`, `}` or a space.
    Json,
}

/// The value of a pair starting at `from`: quoted, or as its [`Form`] ends it. `None` when
/// it is empty, a collection or a block.
fn pair_value(text: &str, from: usize, form: Form) -> Option<Range<usize>> {
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = from + skipped;
    let rest = &text[start..];
    let range = match rest.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let q = *q as char;
            let body = &rest[1..];
            let mut end = None;
            let mut escaped = false;
            for (k, c) in body.char_indices() {
                match c {
                    '\\' if q == '"' && !escaped => escaped = true,
                    '\n' => break,
                    c if c == q && !escaped => {
                        end = Some(k);
                        break;
                    }
                    _ => escaped = false,
                }
            }
            start + 1..start + 1 + end?
        }
        b'{' | b'[' if form != Form::Assign => return None,
        _ if form == Form::Line => {
            let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
            let line = line.find(" #").map_or(line, |c| &line[..c]);
            start..start + line.trim_end().len()
        }
        _ => {
            let stops: &[char] = if form == Form::Json { &[',', '}'] } else { &[';', '&', '"', '\''] };
            start..start + rest.find(|c: char| c.is_whitespace() || stops.contains(&c)).unwrap_or(rest.len())
        }
    };
    (!range.is_empty()).then_some(range)
}

/// A placeholder filled in later, not a secret: `${VAR}`, `$VAR`, `$(VAR)`, `{{ ... }}`, or a
/// reference by the workspace's rules.
fn placeholder(value: &str, judge: &Judge) -> bool {
    let value = value.trim();
    (value.starts_with("${") && value.ends_with('}'))
        || (value.starts_with("$(") && value.ends_with(')'))
        || (value.starts_with("{{") && value.ends_with("}}"))
        || value
            .strip_prefix('$')
            .is_some_and(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        || (judge.reference)(value)
}

/// A token format: its prefix, the bytes its body may hold, its least body length, and its
/// exact body length when fixed.
type Token = (&'static str, fn(u8) -> bool, usize, Option<usize>);

/// The shortest text that can hold a token of [`TOKENS`] (`xoxb-` and 10 more) or a JWT.
const TOKEN_MIN: usize = 15;
/// The shortest PEM private-key header, `-----BEGIN PRIVATE KEY-----`.
const PEM_MIN: usize = 27;

/// Token formats with a fixed prefix.
const TOKENS: [Token; 14] = [
    // AWS access key ids: exactly 16 upper-case letters and digits after the prefix.
    ("AKIA", upper_digit, 16, Some(16)),
    ("ASIA", upper_digit, 16, Some(16)),
    // GitHub: classic tokens and fine-grained personal access tokens.
    ("ghp_", alnum, 36, None),
    ("gho_", alnum, 36, None),
    ("ghu_", alnum, 36, None),
    ("ghs_", alnum, 36, None),
    ("ghr_", alnum, 36, None),
    ("github_pat_", word, 22, None),
    ("glpat-", word_dash, 20, None),
    // Slack bot, user, app-level and configuration tokens.
    ("xoxb-", word_dash, 10, None),
    ("xoxp-", word_dash, 10, None),
    ("xapp-", word_dash, 10, None),
    ("xoxe-", word_dash, 10, None),
    ("sk_live_", alnum, 16, None),
];

/// The bytes a token of [`TOKENS`] or a JWT (`eyJ`) can start with.
const TOKEN_START: [bool; 256] = {
    let mut table = [false; 256];
    table[b'e' as usize] = true;
    let mut i = 0;
    while i < TOKENS.len() {
        table[TOKENS[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

fn upper_digit(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn word_dash(b: u8) -> bool {
    word(b) || b == b'-'
}

/// Well-known tokens anywhere in the text (`Bearer ghp_...`), and JWTs.
fn tokens(text: &str, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let starts_word = |at: usize| at == 0 || !word_dash(bytes[at - 1]);
    // Tokens start words: look for prefixes only where a word starts with a byte that
    // starts one (or a JWT's `eyJ`).
    let candidates = (0..bytes.len()).filter(|&at| TOKEN_START[usize::from(bytes[at])] && starts_word(at));
    for at in candidates {
        if bytes[at..].starts_with(b"eyJ") {
            out.extend(jwt(text, at));
            continue;
        }
        for (prefix, body, least, exact) in TOKENS.iter() {
            if !bytes[at..].starts_with(prefix.as_bytes()) {
                continue;
            }
            let from = at + prefix.len();
            let len = bytes[from..].iter().take_while(|b| body(**b)).count();
            let ends_word = bytes.get(from + len).is_none_or(|b| !word(*b));
            if len >= *least && exact.is_none_or(|n| n == len) && ends_word {
                out.push(at..from + len);
            }
        }
    }
}

/// A JWT at `at`: three base64url parts (`word_dash` bytes), the first two JSON objects (`eyJ` is `{"`).
fn jwt(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut end = at;
    let mut parts = Vec::new();
    loop {
        let len = bytes[end..].iter().take_while(|b| word_dash(**b)).count();
        parts.push(len);
        end += len;
        if parts.len() == 3 || bytes.get(end) != Some(&b'.') {
            break;
        }
        end += 1;
    }
    let payload_is_json = parts.len() == 3 && text[at + parts[0] + 1..].starts_with("eyJ");
    (payload_is_json && parts.iter().all(|&len| len >= 10)).then_some(at..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge_default(text: &str) -> Option<String> {
        let rules = crate::workspace::SecretRules::default();
        let secret_key = |key: &str| super::super::is_secret_key(&rules, key);
        let reference = |value: &str| super::super::is_reference(&rules, value);
        redacted(text, &Judge { secret_key: &secret_key, reference: &reference })
    }

    #[test]
    fn every_token_format_holds_a_byte_the_first_pass_looks_for() {
        // `secret_spans` looks for tokens only in text holding one of these bytes.
        for prefix in TOKENS.iter().map(|token| token.0).chain(["eyJ"]) {
            assert!(prefix.bytes().any(|b| b"_-JKS".contains(&b)), "{prefix}");
        }
        masks("key AKIAABCDEFGHIJKLMNOP", "key ••••••");
        masks("ASIAABCDEFGHIJKLMNOP", "••••••");
    }

    fn masks(text: &str, expected: &str) {
        assert_eq!(judge_default(text).as_deref(), Some(expected), "{text}");
    }

    fn keeps(text: &str) {
        assert_eq!(judge_default(text), None, "{text} carries no secret");
    }

    #[test]
    fn url_passwords_are_masked_and_nothing_else() {
        masks("postgres://user:hunter2@db:5432/app", "postgres://user:••••••@db:5432/app");
        masks("redis://:s3cret@redis:6379", "redis://:••••••@redis:6379");
        masks("a://b:c://u:pw@host", "a://b:c://u:••••••@host");
        masks("https://sso/login?next=https://u:pw@host/x", "https://sso/login?next=https://u:••••••@host/x");
        masks("https://user:token@git.example.com/x.git", "https://user:••••••@git.example.com/x.git");
        masks(
            "mongodb://app:p%40ss@h1:27017,h2:27017/db?replicaSet=rs0",
            "mongodb://app:••••••@h1:27017,h2:27017/db?replicaSet=rs0",
        );
        masks(
            "--db=mysql://root:r00t@mysql/app --cache=redis://:c@cache",
            "--db=mysql://root:••••••@mysql/app --cache=redis://:••••••@cache",
        );
        keeps("postgres://user@db:5432/app");
        keeps("postgres://user:${DB_PASSWORD}@db:5432/app");
        keeps("postgres://user:$(DB_PASSWORD)@db/app");
        keeps("http://localhost:8080/health");
        keeps("ssh://git@github.com:22/org/repo.git");
        keeps("git@github.com:org/repo.git");
        keeps("http://[::1]:80/");
        keeps("secret://production/database-url");
        keeps("ref+awssm://prod/db");
    }

    #[test]
    fn query_parameters_and_webhooks() {
        masks("https://api.example.com/v1?token=abc123&page=2", "https://api.example.com/v1?token=••••••&page=2");
        masks("https://x.io/feed?access_token=a&apikey=b", "https://x.io/feed?access_token=••••••&apikey=••••••");
        masks("https://maps.example.com/api?key=AIzaXYZ", "https://maps.example.com/api?key=••••••");
        masks(
            "https://acct.blob.core.windows.net/c?sv=2021&sig=abc%3D",
            "https://acct.blob.core.windows.net/c?sv=2021&sig=••••••",
        );
        masks(
            "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX",
            "https://hooks.slack.com/services/T000/B000/••••••",
        );
        masks(
            "https://discord.com/api/webhooks/1234567890/abcDEF-ghi_jkl",
            "https://discord.com/api/webhooks/1234567890/••••••",
        );
        masks(
            "https://contoso.webhook.office.com/webhookb2/g@t/IncomingWebhook/abc123/def-456",
            "https://contoso.webhook.office.com/webhookb2/g@t/IncomingWebhook/••••••/••••••",
        );
        keeps("https://example.com/search?q=token&page=2");
        keeps("https://example.com/login?token=");
        keeps("https://example.com/cb?token=${TOKEN}");
        keeps("https://hooks.slack.com/");
        keeps("https://discord.com/api/webhooks/");
        keeps("https://example.com/api?token_type=bearer&tokenTTL=3600");
    }

    #[test]
    fn pairs_inside_strings() {
        masks(
            "Server=db;Database=app;User Id=sa;Password=Sup3r!;",
            "Server=db;Database=app;User Id=sa;Password=••••••;",
        );
        masks("host=db user=app password=s3cret dbname=app", "host=db user=app password=•••••• dbname=app");
        masks("--db-password=hunter2 --verbose", "--db-password=•••••• --verbose");
        masks(
            "spring.datasource.password=hunter2\nspring.datasource.url=jdbc:x",
            "spring.datasource.password=••••••\nspring.datasource.url=jdbc:x",
        );
        masks(r#"{"user": "app", "password": "hunter2"}"#, r#"{"user": "app", "password": "••••••"}"#);
        masks(r#"{"pin":1,"apiKey":12345,"user":"a"}"#, r#"{"pin":1,"apiKey":••••••,"user":"a"}"#);
        masks("[db]\napi_key = abc123\nport = 5432\n", "[db]\napi_key = ••••••\nport = 5432\n");
        masks(
            "auth:\n  token: abc123 # from vault\n  user: app\n",
            "auth:\n  token: •••••• # from vault\n  user: app\n",
        );
        masks("mysql:host=db;dbname=app;pwd=p9", "mysql:host=db;dbname=app;pwd=••••••");
        keeps("password: ${DB_PASSWORD}");
        keeps("passwordPolicy: strict\ntokenTTL: 3600\nsecretName: my-secret\nexistingSecret: db");
        keeps("password:\n  minLength: 8");
        keeps("password: |\n  block");
        keeps("token: true");
        keeps("the password: is asked for at login");
        keeps("a == b; token==x");
        keeps("image: repo/app:1.2.3");
        keeps("key=value");
    }

    #[test]
    fn well_known_tokens() {
        masks("AKIAIOSFODNN7EXAMPLE", "••••••");
        masks("Bearer ghp_0123456789abcdefghijABCDEFGHIJ012345", "Bearer ••••••");
        masks("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "••••••");
        masks("glpat-0123456789abcdefghij", "••••••");
        masks("xoxb-1234567890-0987654321-abcdefghijkl", "••••••");
        masks("sk_live_0123456789abcdefABCD", "••••••");
        masks("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "••••••");
        masks("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n", "••••••");
        masks("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----", "••••••");
        keeps("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");
        keeps("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
        keeps("AKIA-not-a-key");
        keeps("XAKIAIOSFODNN7EXAMPLE");
        keeps("AKIAIOSFODNN7EXAMPLEX");
        keeps("ghp_short");
        keeps("xoxb-1");
        keeps("eyJhbGciOiJIUzI1NiJ9");
        keeps("my-github_pat_is-here");
    }

    #[test]
    fn unicode_around_secrets_stays_whole() {
        masks("ü postgres://ü:pä@h/ü", "ü postgres://ü:••••••@h/ü");
        masks("héllo password=pä ß", "héllo password=•••••• ß");
        keeps("ünïcødé://x");
    }
}

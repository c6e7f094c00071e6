//! Split a golden case's `cmd` line into words, the way a POSIX shell would for the
//! small subset the cases need.
//!
//! Shared by `build.rs` (which must find the files a case names) and the harness
//! (which runs the case), so both see the very same words.
//!
//! - Unquoted whitespace separates words.
//! - `'...'` keeps everything literally.
//! - `"..."` keeps everything, except that `\"` and `\\` stand for `"` and `\`.
//! - Outside quotes, `\x` stands for `x`.
//!
//! No variables, globs, `~` or other expansion: a `$` is just a character.

/// The words of `line`, or why it cannot be split (an unclosed quote, a trailing `\`).
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unclosed `'`".to_string()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("unclosed `\"`".to_string()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("unclosed `\"`".to_string()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(c) => word.push(c),
                    None => return Err("a `\\` at the end of the line escapes nothing".to_string()),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::split;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn splits_like_a_shell() {
        assert_eq!(split("render  -f a.yaml\n").unwrap(), ["render", "-f", "a.yaml"]);
        assert_eq!(
            split(r#"render --set 'a=b c' --set "x=\"y\"" --set p\ q"#).unwrap(),
            ["render", "--set", "a=b c", "--set", "x=\"y\"", "--set", "p q"]
        );
        assert_eq!(split("--set-json 'a={\"b\": 1}'").unwrap(), ["--set-json", "a={\"b\": 1}"]);
        assert_eq!(split("--set a=''").unwrap(), ["--set", "a="]);
        assert_eq!(split("''").unwrap(), [""]);
        assert!(split("render 'open").is_err());
        assert!(split("render \\").is_err());
    }
}

//! Secrets: plaintext credentials in values, and secrets one environment has and another lacks
//! (seed 003: "a secret that exists in dev but not in staging").

use super::context::{names, Context};
use crate::diag::Diagnostic;
use crate::source::Span;

/// `plaintext-secret`: exactly the values every output masks (`Cell::hides_secret`): a secret
/// key holding a value that is not a reference, or a value carrying a secret by its shape (a
/// URL's password, `?token=`, `ghp_...`). Never shows the value.
pub fn plaintext(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut found: Vec<(Span, String, bool, Vec<&str>)> = Vec::new();
    for row in &cx.matrix.rows {
        for ((env, _), cell) in cx.envs.iter().zip(&row.cells) {
            if !cell.hides_secret() || cx.refers(cell) {
                continue;
            }
            let Some(span) = cx.matrix.span(cell) else { continue };
            match found.iter_mut().find(|(s, _, _, _)| *s == span) {
                Some((_, _, _, envs)) => envs.push(&env.name),
                None => found.push((span, row.path.clone(), cell.embedded, vec![&env.name])),
            }
        }
    }
    for (span, path, embedded, envs) in found {
        let diagnostic = if embedded {
            Diagnostic::error(
                "plaintext-secret",
                format!("`{path}` carries a plaintext secret inside its value (in {})", names(&envs)),
            )
            .at(span)
            .hint("put a reference in place of the secret part (`postgres://app:${DB_PASSWORD}@db/app`), or make the whole value one (`secret://...`, `vault:...`)")
        } else {
            Diagnostic::error("plaintext-secret", format!("`{path}` holds a plaintext secret (in {})", names(&envs)))
                .at(span)
                .hint("replace it with a reference to a secret store (`secret://...`, `vault:...`, `${VAR}`); `secrets.references` in strata.yaml lists the forms that count")
        };
        out.push(diagnostic);
    }
}

/// `secret-missing`: a path that refers to a secret (`secret://`, `vault:`, `${VAR}` ...) in
/// an environment and not in one it promotes into, and names in one environment's
/// `secrets:` inventory that such an environment lacks. Without a promotion graph, every
/// environment is compared with every other.
pub fn missing(cx: &Context, out: &mut Vec<Diagnostic>) {
    let pairs = pairs(cx);
    for row in &cx.matrix.rows {
        // Asked once per run of one cell; most rows refer nowhere or everywhere.
        let runs: Vec<(std::ops::Range<usize>, bool)> =
            row.cells.runs().map(|(columns, cell)| (columns, cx.refers(cell))).collect();
        let mixed = runs.iter().any(|(_, refers)| *refers) && runs.iter().any(|(_, refers)| !refers);
        if !mixed || cx.intended(&row.path) {
            continue;
        }
        let refers: Vec<bool> = runs.into_iter().flat_map(|(columns, refers)| columns.map(move |_| refers)).collect();
        for (to, cell) in row.cells.iter().enumerate() {
            let from: Vec<&str> = sources_of(cx, &pairs, to, |i| refers[i]);
            if refers[to] || from.is_empty() {
                continue;
            }
            let name = &cx.envs[to].0.name;
            // Where this environment sets (or deletes) the path, else its name in strata.yaml.
            let span = cx.matrix.span(cell).unwrap_or_else(|| cx.env_span(to));
            out.push(
                Diagnostic::error(
                    "secret-missing",
                    format!(
                        "`{}` refers to a secret in {} but not in `{name}`{}",
                        row.path,
                        names(&from),
                        promotes(cx, &from)
                    ),
                )
                .at(span)
                .hint(format!(
                    "give `{name}` its own secret reference at `{}`, or document the difference under `intended:`",
                    row.path
                )),
            );
        }
    }
    inventory(cx, &pairs, out);
}

/// Which environment is compared with which: the promotion edges between checked
/// environments, or every ordered pair when there are none.
fn pairs(cx: &Context) -> Vec<(usize, usize)> {
    let index = |name: &str| cx.envs.iter().position(|(env, _)| env.name == name);
    let edges: Vec<(usize, usize)> =
        cx.workspace.promotion.iter().filter_map(|(from, to, _)| Some((index(from)?, index(to)?))).collect();
    if !edges.is_empty() {
        return edges;
    }
    let n = cx.envs.len();
    (0..n).flat_map(|a| (0..n).filter(move |&b| b != a).map(move |b| (a, b))).collect()
}

/// The environments compared with `to` for which `has` holds, in workspace order.
fn sources_of<'a>(cx: &'a Context, pairs: &[(usize, usize)], to: usize, has: impl Fn(usize) -> bool) -> Vec<&'a str> {
    (0..cx.envs.len())
        .filter(|&from| pairs.contains(&(from, to)) && has(from))
        .map(|from| cx.envs[from].0.name.as_str())
        .collect()
}

/// `, which `dev` promotes into` when a promotion graph decides the pairs.
fn promotes(cx: &Context, from: &[&str]) -> String {
    if cx.workspace.promotion.is_empty() {
        String::new()
    } else {
        format!(", which {} {} into", names(from), if from.len() == 1 { "promotes" } else { "promote" })
    }
}

/// Names in an environment's `secrets:` inventory that an environment it is compared with
/// lacks: a warning, since inventories often hold names of one environment's own (`dev-tls`).
fn inventory(cx: &Context, pairs: &[(usize, usize)], out: &mut Vec<Diagnostic>) {
    let mut all: Vec<&str> = Vec::new();
    for (env, _) in &cx.envs {
        for name in &env.secrets {
            if !all.contains(&name.as_str()) {
                all.push(name);
            }
        }
    }
    for secret in all {
        let has = |i: usize| cx.envs[i].0.secrets.iter().any(|s| s == secret);
        for to in 0..cx.envs.len() {
            let from = sources_of(cx, pairs, to, has);
            if has(to) || from.is_empty() {
                continue;
            }
            let name = &cx.envs[to].0.name;
            out.push(
                Diagnostic::warning(
                    "secret-missing",
                    format!(
                        "the secret `{secret}` is in the inventory of {} but not of `{name}`{}",
                        names(&from),
                        promotes(cx, &from)
                    ),
                )
                .at(cx.env_span(to))
                .hint(format!(
                    "create `{secret}` for `{name}` and list it under its `secrets:` before promoting into it, unless it belongs to {} alone",
                    names(&from)
                )),
            );
        }
    }
}

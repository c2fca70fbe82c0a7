//! Just enough of Rust's lexical rules to find paths: identifiers, `::` and the punctuation of
//! `use` trees, each with its line; comments, strings, chars and lifetimes skipped.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other(char),
}

pub fn tokenize(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Skips from `i` to just past `end`, counting lines; `\` escapes the next character.
    let skip_to = |i: &mut usize, line: &mut usize, end: &str, escapes: bool| {
        let end: Vec<char> = end.chars().collect();
        while *i < c.len() && !c[*i..].starts_with(&end) {
            if escapes && c[*i] == '\\' {
                *i += 1;
            }
            *line += usize::from(at(*i) == '\n');
            *i += 1;
        }
        *i += end.len();
    };
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            loop {
                if i >= c.len() {
                    break;
                } else if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(c[i] == '\n');
                    i += 1;
                }
            }
        } else if ch == '"' {
            i += 1;
            skip_to(&mut i, &mut line, "\"", true);
        } else if ch == '\'' {
            if at(i + 1) == '\\' {
                i += 3;
                skip_to(&mut i, &mut line, "'", false);
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or label: the quote alone, its name read as an identifier.
                i += 1;
            }
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let raw_string = matches!(word.as_str(), "r" | "br") && matches!(at(i), '"' | '#');
            if raw_string && !(at(i) == '#' && (at(i + 1).is_alphanumeric() || at(i + 1) == '_')) {
                let hashes = c[i..].iter().take_while(|&&h| h == '#').count();
                i += hashes + 1;
                skip_to(
                    &mut i,
                    &mut line,
                    &format!("\"{}", "#".repeat(hashes)),
                    false,
                );
            } else if word == "b" && matches!(at(i), '"' | '\'') {
                let quote = at(i).to_string();
                i += 1;
                skip_to(&mut i, &mut line, &quote, true);
            } else if word == "r" && at(i) == '#' {
                i += 1; // a raw identifier: `r#type` is the identifier `type`
            } else if !ch.is_ascii_digit() {
                out.push((Tok::Ident(word), line));
            }
        } else {
            let tok = match ch {
                ':' if at(i + 1) == ':' => {
                    i += 1;
                    Tok::PathSep
                }
                '{' => Tok::Open,
                '}' => Tok::Close,
                ',' => Tok::Comma,
                ';' => Tok::Semi,
                '*' => Tok::Star,
                other => Tok::Other(other),
            };
            out.push((tok, line));
            i += 1;
        }
    }
    out
}

/// A path that names a module of this crate, from the (possibly inline) module it is in.
pub struct Reference {
    pub from: Vec<String>,
    pub path: Vec<String>,
    pub line: usize,
    /// The path names a type given methods here (`impl Handler { … }` away from `Handler`):
    /// the type's own module calls them, so the arrow also runs back, from there to here.
    pub back: bool,
}

fn ident(t: &[(Tok, usize)], i: usize) -> Option<&str> {
    match t.get(i) {
        Some((Tok::Ident(s), _)) => Some(s),
        _ => None,
    }
}

fn is(t: &[(Tok, usize)], i: usize, tok: &Tok) -> bool {
    t.get(i).is_some_and(|(x, _)| x == tok)
}

/// Every `use` leaf and every inline `crate::`/`super::`/`self::` path in a file of module
/// `module`. `mod name { … }` blocks are followed, so `super::` in a test module means the file.
pub fn references(t: &[(Tok, usize)], module: &[String]) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut here = module.to_vec();
    // Names brought in by `use`, for the types of inherent impls.
    let mut imported: Vec<Vec<String>> = Vec::new();
    // Brace depth at which each inline module opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < t.len() {
        let line = t[i].1;
        match &t[i].0 {
            Tok::Ident(k) if k == "mod" && is(t, i + 2, &Tok::Open) => {
                if let Some(name) = ident(t, i + 1) {
                    here.push(name.to_string());
                    depth += 1;
                    inline.push(depth);
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(k) if k == "use" => {
                let mut leaves = Vec::new();
                i += 1;
                use_tree(t, &mut i, &[], &mut leaves);
                for (path, line) in leaves {
                    imported.push(path.clone());
                    out.push(Reference {
                        from: here.clone(),
                        path,
                        line,
                        back: false,
                    });
                }
                continue;
            }
            Tok::Ident(k) if k == "impl" && at_item(t, i) => {
                if let Some(mut path) = inherent_impl_type(t, i + 1) {
                    if let [name] = path.as_slice() {
                        match imported.iter().rev().find(|p| p.last() == Some(name)) {
                            Some(full) => path = full.clone(),
                            None => path.clear(),
                        }
                    }
                    out.push(Reference {
                        from: here.clone(),
                        path,
                        line,
                        back: true,
                    });
                }
            }
            Tok::Ident(k)
                if matches!(k.as_str(), "crate" | "super" | "self")
                    && is(t, i + 1, &Tok::PathSep)
                    && !(i > 0 && is(t, i - 1, &Tok::PathSep)) =>
            {
                let mut path = vec![k.clone()];
                i += 1;
                while is(t, i, &Tok::PathSep) {
                    match ident(t, i + 1) {
                        Some(s) => path.push(s.to_string()),
                        None => break,
                    }
                    i += 2;
                }
                out.push(Reference {
                    from: here.clone(),
                    path,
                    line,
                    back: false,
                });
                continue;
            }
            Tok::Open => depth += 1,
            Tok::Close => {
                if inline.last() == Some(&depth) {
                    inline.pop();
                    here.pop();
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `impl` starting an item, not `impl Trait` in a signature.
fn at_item(t: &[(Tok, usize)], i: usize) -> bool {
    i == 0
        || matches!(
            &t[i - 1].0,
            Tok::Open | Tok::Close | Tok::Semi | Tok::Other(']')
        )
        || ident(t, i - 1) == Some("unsafe")
}

/// The type of an inherent impl starting at `i` (just past `impl`); `None` for a trait impl.
fn inherent_impl_type(t: &[(Tok, usize)], mut i: usize) -> Option<Vec<String>> {
    let mut angle = 0i32;
    let mut path = Vec::new();
    while let Some((tok, _)) = t.get(i) {
        match tok {
            Tok::Other('<') => angle += 1,
            Tok::Other('>') => angle -= 1,
            Tok::Open if angle == 0 => return Some(path),
            Tok::Ident(k) if angle == 0 && k == "for" => return None,
            Tok::Ident(k) if angle == 0 && k == "where" => return Some(path),
            Tok::Ident(k) if angle == 0 && (path.is_empty() || is(t, i - 1, &Tok::PathSep)) => {
                path.push(k.clone())
            }
            Tok::Semi => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// One `use` tree from `*i` (just past `use`, or inside braces), its leaves appended to `out`
/// as full paths; `as` names are dropped. `self` inside braces stays a segment: it names no
/// module, so resolving stops at the path before it, which is what it means.
fn use_tree(
    t: &[(Tok, usize)],
    i: &mut usize,
    prefix: &[String],
    out: &mut Vec<(Vec<String>, usize)>,
) {
    let mut path = prefix.to_vec();
    let mut line = t.get(*i).map_or(0, |x| x.1);
    loop {
        match t.get(*i).map(|x| &x.0) {
            Some(Tok::Ident(s)) if s == "as" => *i += 2,
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                line = t[*i].1;
                *i += 1;
            }
            Some(Tok::PathSep | Tok::Star) => *i += 1,
            Some(Tok::Open) => {
                *i += 1;
                loop {
                    if is(t, *i, &Tok::Close) {
                        *i += 1;
                        break;
                    }
                    use_tree(t, i, &path, out);
                    if is(t, *i, &Tok::Comma) {
                        *i += 1;
                    } else {
                        if is(t, *i, &Tok::Close) {
                            *i += 1;
                        }
                        break;
                    }
                }
                return;
            }
            _ => break,
        }
    }
    out.push((path, line));
}

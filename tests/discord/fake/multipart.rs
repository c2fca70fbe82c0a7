//! Messages with files, as Discord takes them: a `multipart/form-data` body with the message
//! as the `payload_json` part and each file as a `files[n]` part, matched to the payload's
//! `attachments` entry whose `id` is `n`. Uploads get snowflakes and are kept with their
//! bytes; a message lists them in its `attachments` array as Discord serves it, and only
//! uploads the fake registered can end up there, whatever a JSON body claims.

use serde_json::{json, Value};

use super::rest::Reply;
use super::state::{snowflake, State};

/// Discord's limits on one message's files (without Nitro boosts).
pub const MAX_FILES: usize = 10;
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;

/// One uploaded file, once the fake has given it a snowflake.
#[derive(Clone, Debug)]
pub struct FileRec {
    pub filename: String,
    pub content_type: Option<String>,
    pub description: Option<String>,
    pub bytes: Vec<u8>,
    /// The message it belongs to, once one was created or edited with it.
    pub message: Option<u64>,
}

/// A `files[n]` part as sent.
struct Part {
    index: u64,
    filename: String,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let rest = content_type.strip_prefix("multipart/form-data")?;
    rest.split(';').find_map(|p| {
        p.trim()
            .strip_prefix("boundary=")
            .map(|b| b.trim_matches('"').to_string())
    })
}

/// Reads a multipart body into its JSON payload, with the files registered in `st` and the
/// payload's `attachments` entries pointing at them; or the answer Discord gives instead.
pub fn read(st: &mut State, body: &[u8], content_type: &str) -> Result<Value, Reply> {
    let bad = |why: &str| Reply::violation(400, 50035, &format!("Invalid Form Body: {why}"));
    let boundary = boundary(content_type).ok_or_else(|| bad("no multipart boundary"))?;
    let mut payload = Value::Null;
    let mut parts = Vec::new();
    for raw in split(body, boundary.as_bytes()).ok_or_else(|| bad("malformed multipart"))? {
        let Head {
            name,
            filename,
            content_type: ctype,
            content: bytes,
        } = headers(raw).ok_or_else(|| bad("bad part"))?;
        match (name.as_str(), filename) {
            ("payload_json", _) => {
                payload = serde_json::from_slice(bytes).map_err(|_| {
                    Reply::violation(400, 50109, "The request body contains invalid JSON.")
                })?;
            }
            (n, Some(filename)) if n.starts_with("files[") && n.ends_with(']') => {
                let index = n[6..n.len() - 1]
                    .parse::<u64>()
                    .map_err(|_| bad("bad file part name"))?;
                parts.push(Part {
                    index,
                    filename,
                    content_type: ctype,
                    bytes: bytes.to_vec(),
                });
            }
            _ => return Err(bad("unknown part")),
        }
    }
    if parts.len() > MAX_FILES {
        return Err(Reply::form(&[super::limits::FieldError {
            path: vec!["attachments".into()],
            code: "BASE_TYPE_MAX_LENGTH",
            message: format!("Must be {MAX_FILES} or fewer in length."),
        }]));
    }
    if parts.iter().any(|p| p.bytes.len() > MAX_FILE_BYTES) {
        return Err(Reply::violation(413, 40005, "Request entity too large"));
    }
    // An interaction callback carries the message under `data`.
    let message = if payload["type"].is_u64() && payload["data"].is_object() {
        &mut payload["data"]
    } else {
        &mut payload
    };
    let mut listed: Vec<Value> = message["attachments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for part in parts {
        let id = snowflake();
        let entry = listed.iter_mut().find(|a| {
            let id = &a["id"];
            id.as_u64().or_else(|| id.as_str()?.parse().ok()) == Some(part.index)
        });
        let (filename, description) = match &entry {
            Some(a) => (
                a["filename"]
                    .as_str()
                    .map_or(part.filename.clone(), str::to_string),
                a["description"].as_str().map(str::to_string),
            ),
            None => (part.filename.clone(), None),
        };
        st.files.insert(
            id,
            FileRec {
                filename,
                content_type: part.content_type,
                description,
                bytes: part.bytes,
                message: None,
            },
        );
        match entry {
            Some(a) => *a = json!({"id": id.to_string()}),
            None => listed.push(json!({"id": id.to_string()})),
        }
    }
    message["attachments"] = json!(listed);
    Ok(payload)
}

/// The `attachments` a new or edited message `msg` in `channel` ends up with: the listed ids
/// that are uploads not yet used, or already this message's. Anything else is dropped.
pub fn attach(st: &mut State, listed: &Value, channel: u64, msg: u64) -> Value {
    let mut out = Vec::new();
    for entry in listed.as_array().into_iter().flatten() {
        let id = match &entry["id"] {
            Value::String(s) => s.parse::<u64>().ok(),
            v => v.as_u64(),
        };
        let Some(rec) = id.and_then(|id| st.files.get_mut(&id).map(|r| (id, r))) else {
            continue;
        };
        let (id, rec) = rec;
        if rec.message.is_some_and(|m| m != msg) {
            continue;
        }
        rec.message = Some(msg);
        let url = format!(
            "https://cdn.discordapp.com/attachments/{channel}/{id}/{}",
            rec.filename
        );
        let mut a = json!({
            "id": id.to_string(), "filename": rec.filename, "size": rec.bytes.len(),
            "url": url, "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
            "content_type": rec.content_type,
        });
        if let Some(d) = &rec.description {
            a["description"] = json!(d);
        }
        out.push(a);
    }
    json!(out)
}

/// The parts between the boundaries (each with its headers), or `None` if there is no
/// closing boundary.
fn split<'a>(body: &'a [u8], boundary: &[u8]) -> Option<Vec<&'a [u8]>> {
    let mut delim = b"--".to_vec();
    delim.extend_from_slice(boundary);
    let mut at = find(body, &delim, 0)? + delim.len();
    let mut parts = Vec::new();
    loop {
        if body.get(at..at + 2) == Some(b"--") {
            return Some(parts);
        }
        let start = at + 2; // the CRLF after the boundary
        let mut next_delim = b"\r\n".to_vec();
        next_delim.extend_from_slice(&delim);
        let end = find(body, &next_delim, start)?;
        parts.push(body.get(start..end)?);
        at = end + next_delim.len();
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// A part's field name, file name, content type and content.
struct Head<'a> {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    content: &'a [u8],
}

fn headers(part: &[u8]) -> Option<Head<'_>> {
    let split = find(part, b"\r\n\r\n", 0)?;
    let head = std::str::from_utf8(&part[..split]).ok()?;
    let content = &part[split + 4..];
    let (mut name, mut filename, mut ctype) = (None, None, None);
    for line in head.split("\r\n") {
        let (key, value) = line.split_once(':')?;
        match key.trim().to_ascii_lowercase().as_str() {
            "content-disposition" => {
                for p in value.split(';').map(str::trim) {
                    if let Some(v) = p.strip_prefix("name=") {
                        name = Some(v.trim_matches('"').to_string());
                    } else if let Some(v) = p.strip_prefix("filename=") {
                        filename = Some(v.trim_matches('"').to_string());
                    }
                }
            }
            "content-type" => ctype = Some(value.trim().to_string()),
            _ => {}
        }
    }
    Some(Head {
        name: name?,
        filename,
        content_type: ctype,
        content,
    })
}

impl super::FakeDiscord {
    /// The files message `id` shows, in its order, each as its file name and bytes: what a
    /// member would download.
    pub fn attachments(&self, id: u64) -> Vec<(String, Vec<u8>)> {
        self.read(|st| {
            let listed = st
                .messages
                .get(&id)
                .and_then(|m| m.json["attachments"].as_array().cloned())
                .unwrap_or_default();
            listed
                .iter()
                .filter_map(|a| a["id"].as_str()?.parse::<u64>().ok())
                .filter_map(|a| st.files.get(&a))
                .map(|f| (f.filename.clone(), f.bytes.clone()))
                .collect()
        })
    }

    /// The bytes of the file called `filename` on message `id`.
    pub fn attachment(&self, id: u64, filename: &str) -> Option<Vec<u8>> {
        self.attachments(id)
            .into_iter()
            .find(|(name, _)| name == filename)
            .map(|(_, bytes)| bytes)
    }
}

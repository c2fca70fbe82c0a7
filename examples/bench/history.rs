//! A generated session history: many members' past walks through real guides, written straight
//! into a migrated pitcrew database. Every state comes from the engine itself (`triage::start` /
//! `triage::apply`), so the bot can resume and advance any of them.

use std::collections::HashMap;
use std::time::Instant;

use pitcrew::guide::Library;
use pitcrew::store::Store;
use pitcrew::triage::{self, Input, State, Status};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};

/// How many of what.
#[derive(Clone, Debug)]
pub struct Shape {
    pub sessions: usize,
    /// Sessions still open (`active`), one each for the first `active` members.
    pub active: usize,
    pub members: Vec<u64>,
    pub guild: u64,
    pub channel: u64,
}

/// An open session the benchmark can press on.
#[derive(Clone, Debug)]
pub struct OpenSession {
    pub member: u64,
    pub id: i64,
    pub guide: String,
    pub state: State,
}

/// What was written.
pub struct History {
    pub sessions: usize,
    pub answers: usize,
    /// The active sessions, by member.
    pub open: Vec<OpenSession>,
    pub seconds: f64,
}

struct Row {
    member: u64,
    guide: usize,
    state: State,
    answers: Vec<(u32, String, String)>,
    created: i64,
}

fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

/// A walk of at most `max` presses from the start; stops at an outcome.
fn walk(library: &[&pitcrew::guide::Guide], g: usize, max: usize, rng: &mut u64) -> Row {
    let guide = library[g];
    let (mut state, mut view) = triage::start(guide);
    let mut answers = Vec::new();
    for _ in 0..max {
        if view.choices.is_empty() {
            break;
        }
        // Mostly the last choice ("we're safe, carry on", "still stuck"): walks get long.
        let n = view.choices.len() as u64;
        let pick = if xorshift(rng) % 4 == 0 {
            xorshift(rng) % n
        } else {
            n - 1
        };
        let t = triage::apply(guide, &state, Input::Choose(pick as usize)).expect("valid press");
        answers.push((state.step, state.node.clone(), t.pressed));
        state = t.state;
        view = t.view;
    }
    Row {
        member: 0,
        guide: g,
        state,
        answers,
        created: 0,
    }
}

/// Writes the history into the (already migrated) database at `url`.
pub async fn write(url: &str, library: &Library, shape: &Shape) -> History {
    let started = Instant::now();
    // Migrations (and the file) come from the product's own code path.
    Store::open(url)
        .await
        .expect("open the store")
        .close()
        .await;
    let guides: Vec<_> = library.iter().collect();
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let now = pitcrew::domain::Clock::now(&pitcrew::domain::SystemClock).millis();
    let mut rows = Vec::with_capacity(shape.sessions);
    for i in 0..shape.sessions {
        let active = i < shape.active;
        let member = shape.members[i % shape.members.len()];
        let g = (xorshift(&mut rng) % guides.len() as u64) as usize;
        let mut row = if active {
            // Open sessions are a few steps in, on a step with choices.
            let steps = 1 + (xorshift(&mut rng) % 3) as usize;
            let mut r = walk(&guides, g, steps, &mut rng);
            while r.state.status != Status::Active {
                r = walk(&guides, g, steps, &mut rng);
            }
            r
        } else {
            let mut r = walk(&guides, g, 12, &mut rng);
            if r.state.status == Status::Active {
                r.state.status = Status::Abandoned;
            }
            r
        };
        row.member = member;
        // Spread over the last 90 days, oldest first, so ids grow with time like real ones.
        let age = (shape.sessions - i) as i64 * (90 * 24 * 3600 * 1000 / shape.sessions as i64);
        row.created = now - age;
        rows.push(row);
    }
    // The active ones were generated first but are the newest: move them to the end.
    rows.rotate_left(shape.active);
    let mut conn: SqliteConnection = url
        .parse::<SqliteConnectOptions>()
        .expect("database url")
        .connect()
        .await
        .expect("connect for the bulk load");
    let mut tx = conn.begin().await.expect("begin");
    let mut answers = 0;
    let mut open = Vec::new();
    let mut next_id = 1i64;
    for chunk in rows.chunks(200) {
        let mut sql = String::from(
            "INSERT INTO sessions (id, member_kind, member_id, scope_kind, guild_id, channel_id, \
             guide_id, guide_version, node, path, step, status, created_at, updated_at) VALUES ",
        );
        for k in 0..chunk.len() {
            if k > 0 {
                sql.push(',');
            }
            sql.push_str("(?, 'discord', ?, 'guild', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        let mut q = sqlx::query(&sql);
        let mut ids = Vec::new();
        for r in chunk {
            let guide = guides[r.guide];
            let updated = r.created + 60_000 * r.answers.len() as i64;
            let path = serde_json::Value::from(r.state.path.clone()).to_string();
            q = q
                .bind(next_id)
                .bind(r.member as i64)
                .bind(shape.guild as i64)
                .bind(shape.channel as i64)
                .bind(&guide.id)
                .bind(&guide.version.0)
                .bind(&r.state.node)
                .bind(path)
                .bind(i64::from(r.state.step))
                .bind(r.state.status.as_str())
                .bind(r.created)
                .bind(updated);
            ids.push(next_id);
            next_id += 1;
        }
        q.execute(&mut *tx).await.expect("insert sessions");
        let sql = String::from("INSERT INTO answers (session_id, step, node, choice, at) VALUES ");
        let mut q_rows = Vec::new();
        for (r, id) in chunk.iter().zip(&ids) {
            for (k, (step, node, choice)) in r.answers.iter().enumerate() {
                q_rows.push((*id, *step, node, choice, r.created + 60_000 * k as i64));
            }
            if r.state.status == Status::Active {
                open.push(OpenSession {
                    member: r.member,
                    id: *id,
                    guide: guides[r.guide].id.clone(),
                    state: r.state.clone(),
                });
            }
        }
        for part in q_rows.chunks(300) {
            let mut s = sql.clone();
            for k in 0..part.len() {
                if k > 0 {
                    s.push(',');
                }
                s.push_str("(?, ?, ?, ?, ?)");
            }
            let mut q = sqlx::query(&s);
            for (id, step, node, choice, at) in part {
                q = q
                    .bind(*id)
                    .bind(i64::from(*step))
                    .bind(*node)
                    .bind(*choice)
                    .bind(*at);
            }
            q.execute(&mut *tx).await.expect("insert answers");
            answers += part.len();
        }
    }
    tx.commit().await.expect("commit the history");
    // Leave the file as a running bot would find it: WAL folded into the database.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await
        .expect("checkpoint");
    conn.close().await.expect("close");
    let by_member: HashMap<u64, usize> = open
        .iter()
        .enumerate()
        .map(|(i, o)| (o.member, i))
        .collect();
    assert_eq!(by_member.len(), open.len(), "one open session per member");
    History {
        sessions: rows.len(),
        answers,
        open,
        seconds: started.elapsed().as_secs_f64(),
    }
}

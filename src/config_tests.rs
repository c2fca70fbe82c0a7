//! `Config::load`: each setting read, defaulted, and refused by its own name.
use super::*;
use std::collections::HashMap;

fn load(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(|k| map.get(k).cloned())
}

#[test]
fn defaults_need_no_settings_and_no_token() {
    let c = load(&[]).unwrap();
    assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
    assert_eq!(c.content_dir, PathBuf::from("content"));
    assert_eq!(c.region, None);
    assert!(c.content_watch, "content is watched unless turned off");
    assert_eq!(c.retention_days, 180);
    let err = c.discord().unwrap_err();
    assert!(err.to_string().starts_with("DISCORD_TOKEN is not set"));
}

#[test]
fn discord_settings_are_read_and_the_token_never_printed() {
    let c = load(&[
        ("DISCORD_TOKEN", "abc.def.ghi"),
        ("DISCORD_API_URL", "http://127.0.0.1:9/"),
        ("DISCORD_GUILD_ID", "42"),
    ])
    .unwrap();
    let d = c.discord().unwrap();
    assert_eq!(d.token.expose(), "abc.def.ghi");
    assert_eq!(d.api_url.as_deref(), Some("http://127.0.0.1:9"));
    assert_eq!(d.guild_id, Some(42));
    let shown = format!("{c:?} {}", d.token);
    assert!(!shown.contains("abc.def.ghi"), "{shown}");
}

#[test]
fn the_terminal_region_is_a_region_code() {
    assert_eq!(
        load(&[("PITCREW_REGION", " uk ")]).unwrap().region,
        Some(Region::Gb)
    );
    assert_eq!(
        load(&[("PITCREW_REGION", "DE")]).unwrap().region,
        Some(Region::De)
    );
}

#[test]
fn the_terminal_language_is_a_language_tag() {
    assert_eq!(
        load(&[("PITCREW_LANG", " DE ")]).unwrap().lang,
        Some(Lang::De)
    );
    assert_eq!(load(&[]).unwrap().lang, None);
}

#[test]
fn watching_content_can_be_turned_off() {
    assert!(!load(&[("CONTENT_WATCH", "false")]).unwrap().content_watch);
    assert!(!load(&[("CONTENT_WATCH", " Off ")]).unwrap().content_watch);
    assert!(load(&[("CONTENT_WATCH", "true")]).unwrap().content_watch);
}

#[test]
fn daily_backups_need_a_folder_and_keep_a_week_by_default() {
    assert_eq!(load(&[]).unwrap().backups, None);
    assert_eq!(
        load(&[("BACKUP_DIR", "/var/backups/pitcrew")])
            .unwrap()
            .backups,
        Some(DailyBackups {
            dir: PathBuf::from("/var/backups/pitcrew"),
            keep: DEFAULT_BACKUP_KEEP
        })
    );
    let c = load(&[("BACKUP_DIR", "b"), ("BACKUP_KEEP", "3")]).unwrap();
    assert_eq!(c.backups.map(|b| b.keep), Some(3));
    let err = load(&[("BACKUP_KEEP", "3")]).unwrap_err();
    assert!(
        err.to_string().starts_with("BACKUP_DIR is not set"),
        "{err}"
    );
}

#[test]
fn retention_is_a_number_of_days() {
    assert_eq!(
        load(&[("RETENTION_DAYS", " 30 ")]).unwrap().retention_days,
        30
    );
}

#[test]
fn bad_values_name_the_setting() {
    let bad = [
        (("DATABASE_URL", "mysql://x"), "DATABASE_URL"),
        (("DISCORD_GUILD_ID", "my-server"), "DISCORD_GUILD_ID"),
        (("DISCORD_API_URL", "discord.com"), "DISCORD_API_URL"),
        (("PITCREW_REGION", "Narnia"), "PITCREW_REGION"),
        (("PITCREW_LANG", "fr"), "PITCREW_LANG"),
        (("DISCORD_INTENTS", "guilds,presence"), "DISCORD_INTENTS"),
        (("CONTENT_WATCH", "sometimes"), "CONTENT_WATCH"),
        (("BACKUP_KEEP", "0"), "BACKUP_KEEP"),
        (("BACKUP_KEEP", "many"), "BACKUP_KEEP"),
        (("RETENTION_DAYS", "0"), "RETENTION_DAYS"),
        (("RETENTION_DAYS", "half a year"), "RETENTION_DAYS"),
    ];
    for ((key, value), named) in bad {
        let err = match load(&[("DISCORD_TOKEN", "t"), (key, value)]) {
            Err(e) => e,
            Ok(c) => c.discord().unwrap_err(),
        };
        assert!(err.to_string().starts_with(named), "{err}");
    }
}

#[test]
fn intents_default_to_nothing_privileged_and_are_named_in_a_list() {
    let intents = |pairs: &[(&str, &str)]| {
        let mut all = vec![("DISCORD_TOKEN", "t")];
        all.extend_from_slice(pairs);
        load(&all).unwrap().discord().unwrap().intents
    };
    assert_eq!(intents(&[]), Intents::default());
    assert!(!Intents::default().message_content);
    let all = intents(&[(
        "DISCORD_INTENTS",
        " guilds, GUILD_MESSAGES ,message_content",
    )]);
    assert!(all.guilds && all.guild_messages && all.message_content);
    let none = intents(&[("DISCORD_INTENTS", "none")]);
    assert!(!none.guilds && !none.guild_messages && !none.message_content);
}

fn shards(raw: &str) -> Result<Option<ShardRange>, ConfigError> {
    let c = load(&[("DISCORD_TOKEN", "t"), ("DISCORD_SHARDS", raw)])?;
    c.discord().map(|d| d.shards)
}

#[test]
fn the_lease_term_defaults_to_90_s_and_is_refused_by_name_out_of_bounds() {
    let lease = |raw: Option<&str>| {
        let mut vars = vec![("DISCORD_TOKEN", "t")];
        vars.extend(raw.map(|r| ("LEASE_SECS", r)));
        load(&vars).and_then(|c| c.discord().map(|d| d.lease))
    };
    assert_eq!(lease(None).unwrap(), crate::domain::LEASE_TTL);
    assert_eq!(
        lease(Some(" 6 ")).unwrap(),
        std::time::Duration::from_secs(6)
    );
    for bad in ["2", "3601", "ninety", "-5", "1.5"] {
        let text = lease(Some(bad)).unwrap_err().to_string();
        assert!(text.starts_with("LEASE_SECS is not valid"), "{bad}: {text}");
        assert!(text.contains("3 to 3600"), "{bad}: {text}");
    }
}

#[test]
fn without_a_shard_range_the_bot_runs_as_one_process() {
    let c = load(&[("DISCORD_TOKEN", "t")]).unwrap();
    assert_eq!(c.discord().unwrap().shards, None);
}

#[test]
fn a_shard_range_includes_both_ends() {
    let r = shards("0-1/4").unwrap().unwrap();
    assert_eq!(
        r,
        ShardRange {
            first: 0,
            last: 1,
            total: 4
        }
    );
    assert_eq!(r.ids().collect::<Vec<_>>(), vec![0, 1]);
    assert!(r.gets_dms());
    let last = shards(" 2 - 3 / 4 ").unwrap().unwrap();
    assert_eq!(last.ids().collect::<Vec<_>>(), vec![2, 3]);
    assert!(!last.gets_dms(), "DMs arrive on shard 0 only");
}

#[test]
fn one_shard_is_its_id_over_the_total() {
    let r = shards("3/4").unwrap().unwrap();
    assert_eq!(r.ids().collect::<Vec<_>>(), vec![3]);
    assert_eq!(r.total, 4);
    assert_eq!(shards("0/1").unwrap().unwrap().ids().count(), 1);
}

#[test]
fn an_empty_or_out_of_range_shard_range_is_refused_by_name() {
    for bad in [
        "2-1/4", "0-4/4", "4/4", "0/0", "0-1", "a-b/4", "-1/4", "0-1/", "/4", "1-/4",
    ] {
        let err = shards(bad).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("DISCORD_SHARDS is not valid"),
            "{bad}: {text}"
        );
    }
    assert!(shards("2-1/4").unwrap_err().to_string().contains("empty"));
    assert!(shards("0-4/4")
        .unwrap_err()
        .to_string()
        .contains("out of range"));
}

#[test]
fn database_url_is_sqlite_or_postgres_and_anything_else_names_both() {
    for url in [
        "sqlite://pitcrew.db",
        "sqlite:pitcrew.db",
        "postgres://pitcrew@127.0.0.1:5432/pitcrew",
        "postgresql://pitcrew@db/pitcrew",
    ] {
        assert_eq!(load(&[("DATABASE_URL", url)]).unwrap().database_url, url);
    }
    for url in ["mysql://db/pitcrew", "pitcrew.db", "postgres:/x"] {
        let err = load(&[("DATABASE_URL", url)]).unwrap_err().to_string();
        assert!(err.starts_with("DATABASE_URL is not valid"), "{err}");
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
    }
}

#[test]
fn daily_backups_are_refused_on_postgres_with_pg_dump_named() {
    let err = load(&[
        ("DATABASE_URL", "postgres://pitcrew@127.0.0.1/pitcrew"),
        ("BACKUP_DIR", "/var/backups/pitcrew"),
    ])
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("BACKUP_DIR is not valid"), "{err}");
    assert!(
        err.contains("DATABASE_URL") && err.contains("pg_dump"),
        "{err}"
    );
    // Without BACKUP_DIR, PostgreSQL is fine; with SQLite, BACKUP_DIR is.
    assert!(
        load(&[("DATABASE_URL", "postgres://pitcrew@127.0.0.1/pitcrew")])
            .unwrap()
            .backups
            .is_none()
    );
    assert!(load(&[("BACKUP_DIR", "b")]).unwrap().backups.is_some());
}

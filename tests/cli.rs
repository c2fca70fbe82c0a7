//! The `pitcrew` binary end to end, driven through piped stdin as a member or moderator would,
//! each test in its own temporary folder (so no developer's .env or database leaks in).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

struct Run {
    dir: tempfile::TempDir,
    content: PathBuf,
}

impl Run {
    fn new(content: &str) -> Run {
        Run {
            dir: tempfile::tempdir().expect("temp dir"),
            content: manifest(content),
        }
    }

    fn db_url(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("pitcrew.db").display())
    }

    fn pitcrew(&self, args: &[&str], stdin: &str) -> Output {
        self.pitcrew_with(args, stdin, &self.db_url())
    }

    fn pitcrew_with(&self, args: &[&str], stdin: &str, db: &str) -> Output {
        self.pitcrew_env(args, stdin, db, &[])
    }

    /// With extra settings in the (otherwise empty) environment.
    fn pitcrew_env(&self, args: &[&str], stdin: &str, db: &str, env: &[(&str, &str)]) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pitcrew"))
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("DATABASE_URL", db)
            .env("CONTENT_DIR", &self.content)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("pitcrew starts");
        let written = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes());
        // A process that stops before reading its input (a refused argument, a database it
        // cannot open) has closed the pipe already: that is its answer, not the test's failure.
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
        }
        child.wait_with_output().expect("pitcrew finishes")
    }
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn quit_mid_guide_then_resume_and_finish() {
    let run = Run::new("tests/fixtures/cli");
    // Answer twice, then quit.
    let out = run.pitcrew(&["chat", "stuck-fob", "--user", "ana"], "1\n2\nq\n");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("Swap the coin cell"), "{stdout}");
    assert!(stdout.contains("metal key blade"), "{stdout}");
    assert!(
        stdout.contains("Run `pitcrew chat` again to continue"),
        "{stdout}"
    );

    // Back again: resume is offered, accepted, and the guide goes on to an outcome.
    let out = run.pitcrew(&["chat", "--user", "ana"], "y\n2\nq\n");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("You have an unfinished guide: Fob does nothing"),
        "{stdout}"
    );
    assert!(stdout.contains("Welcome back"), "{stdout}");
    let after_resume = stdout.split("Welcome back").nth(1).unwrap_or_default();
    assert!(
        after_resume.contains("metal key blade"),
        "resumed on the step left: {stdout}"
    );
    assert!(
        after_resume.contains("A club volunteer can take it from here"),
        "{stdout}"
    );

    // Finished: nothing to resume for ana, and another user never saw her session.
    let out = run.pitcrew(&["chat", "--user", "ana"], "q\n");
    assert!(!text(&out).0.contains("unfinished guide"));
}

#[test]
fn declining_the_resume_offer_starts_fresh_and_sessions_are_per_user() {
    let run = Run::new("tests/fixtures/cli");
    run.pitcrew(&["chat", "stuck-fob", "--user", "ana"], "1\nq\n");
    let bo = run.pitcrew(&["chat", "--user", "bo"], "q\n");
    assert!(!text(&bo).0.contains("unfinished guide"), "{}", text(&bo).0);
    let out = run.pitcrew(&["chat", "--user", "ana"], "n\nq\n");
    let (stdout, _) = text(&out);
    assert!(stdout.contains("unfinished guide"), "{stdout}");
    assert!(stdout.contains("Which problem do you have?"), "{stdout}");
    let out = run.pitcrew(&["chat", "--user", "ana"], "q\n");
    assert!(!text(&out).0.contains("unfinished guide"));
}

#[test]
fn navigation_keys_back_start_over_and_volunteer() {
    let run = Run::new("tests/fixtures/cli");
    let out = run.pitcrew(&["chat", "stuck-fob"], "b\n1\nb\n1\n2\nr\nh\nq\n");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    // `b` on the first step is not offered; the member is told what to type instead.
    assert!(
        stdout.contains("Please type a number from 1 to 2, h, q."),
        "{stdout}"
    );
    let volunteer = stdout
        .rfind("A club volunteer can take it from here")
        .unwrap();
    let restart = stdout.rfind("Is everyone safe").unwrap();
    assert!(
        restart < volunteer,
        "start over, then a volunteer: {stdout}"
    );
}

#[test]
fn emergency_is_shown_first_and_loud() {
    let run = Run::new("tests/fixtures/cli");
    let out = run.pitcrew(&["chat", "stuck-fob", "--region", "US"], "2\nq\n");
    let (stdout, _) = text(&out);
    let banner = stdout.find("EMERGENCY").expect("banner");
    let call = stdout.find("Call 911 now").expect("instruction");
    assert!(banner < call);
    assert!(
        !stdout.contains("continue where you left off"),
        "a finished guide is not offered for resuming: {stdout}"
    );
}

#[test]
fn the_terminal_gives_the_numbers_of_its_region() {
    let run = Run::new("tests/fixtures/cli");
    let db = run.db_url();
    let emergency = |args: &[&str], env: &[(&str, &str)]| {
        let out = run.pitcrew_env(args, "2\nq\n", &db, env);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{stderr}");
        stdout
    };
    let gb = emergency(
        &["chat", "stuck-fob", "--user", "gb", "--region", "uk"],
        &[],
    );
    assert!(gb.contains("EMERGENCY: call 999 now (or 112)"), "{gb}");
    assert!(
        gb.contains("Call 999 (or 112) now.") && !gb.contains("911"),
        "{gb}"
    );
    let de = emergency(
        &["chat", "stuck-fob", "--user", "de"],
        &[("PITCREW_REGION", "DE")],
    );
    assert!(de.contains("Call 112") && !de.contains("911"), "{de}");
    // The flag wins over the setting.
    let nz = emergency(
        &["chat", "stuck-fob", "--user", "nz", "--region", "NZ"],
        &[("PITCREW_REGION", "DE")],
    );
    assert!(nz.contains("Call 111 now."), "{nz}");
    // Neither, and the system locale does not count: every number, side by side.
    let any = emergency(
        &["chat", "stuck-fob", "--user", "any"],
        &[("LANG", "en_GB.UTF-8")],
    );
    assert!(
        any.contains("911 in the US/Canada, 112 in Europe, 999 in the UK, 000 in Australia, 111 in New Zealand"),
        "{any}"
    );
    let bad = run.pitcrew(&["chat", "--region", "XX"], "q\n");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).1.contains("XX"), "{}", text(&bad).1);
}

#[test]
fn picker_ranks_guides_for_plain_words() {
    let run = Run::new("content");
    let out = run.pitcrew(&["chat"], "my fob is locked in the boot\n1\nq\n");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("These guides fit best:"), "{stdout}");
}

#[test]
fn unknown_guide_lists_the_guides() {
    let run = Run::new("tests/fixtures/cli");
    let out = run.pitcrew(&["chat", "flat-tyre"], "");
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout.contains("There is no guide called `flat-tyre`"),
        "{stdout}"
    );
    assert!(stdout.contains("stuck-fob"), "{stdout}");
}

#[test]
fn check_passes_on_shipped_content() {
    let run = Run::new("content");
    let out = run.pitcrew(&["check"], "");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("12 guides"), "{stdout}");
}

#[test]
fn check_reports_a_broken_file_with_its_line() {
    let run = Run::new("tests/fixtures/cli");
    let broken = run.dir.path().join("guides");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("bad.toml"), "id = \"bad\"\ntitle = \n").unwrap();
    let out = run.pitcrew(&["check", "--content", broken.to_str().unwrap()], "");
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("bad.toml:2:"), "{stdout}");
}

#[test]
fn an_unusable_database_is_a_clear_error_not_a_panic() {
    let run = Run::new("tests/fixtures/cli");
    let corrupt = run.dir.path().join("corrupt.db");
    std::fs::write(&corrupt, vec![0x5a_u8; 8192]).unwrap();
    let missing_dir = run.dir.path().join("no/such/dir/p.db");
    for url in [
        format!("sqlite://{}", corrupt.display()),
        format!("sqlite://{}", missing_dir.display()),
        format!("sqlite://{}", run.dir.path().display()),
    ] {
        let out = run.pitcrew_with(&["chat", "stuck-fob"], "q\n", &url);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{url}: {stdout}\n{stderr}");
        assert!(stderr.contains("error:"), "{url}: {stderr}");
        assert!(
            stderr.contains("DATABASE_URL"),
            "names the setting: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn chat_says_plainly_when_nothing_fits_and_what_a_volunteer_would_be_given() {
    let run = Run::new("content");
    let out = run.pitcrew(&["chat"], "lost my radio code\nv\n");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("None of our guides fits what you described."),
        "{stdout}"
    );
    assert!(!stdout.contains("These guides fit best"), "{stdout}");
    assert!(
        stdout.contains(
            "On Discord, a volunteer of the club would be asked now, with these words:\n> lost my radio code"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Here in the terminal nobody is told"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&pitcrew::domain::Region::Other.in_danger()),
        "{stdout}"
    );
    assert!(
        stdout.contains("v: None of these — ask a volunteer"),
        "the picker offers it: {stdout}"
    );
}

#[test]
fn chat_reads_a_guide_in_the_language_asked_for() {
    let run = Run::new("content");
    let out = run.pitcrew(&["chat", "bmw-keys-locked", "--lang", "de"], "q\n");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("Ist jemand in Gefahr?"), "{stdout}");
    assert!(stdout.contains("Wir sind sicher, weiter"), "{stdout}");
    // The chat's own words too: the keys, the picker, its prompt and the goodbye.
    assert!(stdout.contains("q Beenden"), "{stdout}");
    assert!(!stdout.contains("Quit"), "{stdout}");
    let out = run.pitcrew(&["chat", "--lang", "de", "--user", "de"], "0\nq\n");
    let (stdout, _) = text(&out);
    assert!(stdout.contains("Welches Problem haben Sie?"), "{stdout}");
    assert!(
        stdout.contains("Tippen Sie eine Nummer oder beschreiben"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Bitte tippen Sie eine Nummer von 1 bis"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Reifenpanne oder platter Reifen"),
        "{stdout}"
    );
    assert!(!stdout.contains("Which problem"), "{stdout}");
    // Without --lang: the guide's own language.
    let out = run.pitcrew(&["chat", "bmw-keys-locked", "--user", "en"], "q\n");
    let (stdout, _) = text(&out);
    assert!(stdout.contains("is anyone in danger?"), "{stdout}");
    let out = run.pitcrew(&["chat", "bmw-keys-locked", "--lang", "fr"], "q\n");
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown language is an argument to fix"
    );
}

#[test]
fn chat_car_is_saved_and_answers_the_key_question() {
    let run = Run::new("content");
    // Safe, then "I'm in": a 2006 flat-key MINI goes straight to the flat-key step.
    let out = run.pitcrew(
        &[
            "chat",
            "mini-fob-not-working",
            "--car",
            "MINI Cooper 2006 flat-key",
        ],
        "3\n1\nq\n",
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Your car: MINI Cooper 2006, flat-key key"),
        "{stdout}"
    );
    assert!(stdout.contains("battery is soldered in"), "{stdout}");
    assert!(!stdout.contains("Which key do you have?"), "{stdout}");
    // Another user, no car: asked.
    let out = run.pitcrew(
        &["chat", "mini-fob-not-working", "--user", "bo"],
        "3\n1\nq\n",
    );
    assert!(text(&out).0.contains("Which key do you have?"));
    // A car pitcrew cannot keep is an argument error, named.
    let out = run.pitcrew(&["chat", "--car", "BMW 2010 clamshell"], "q\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("a BMW has no clamshell key"));
}

#[test]
fn translate_writes_a_skeleton_and_stamps_it() {
    let run = Run::new("tests/fixtures/cli");
    let content = run.dir.path().join("content");
    std::fs::create_dir(&content).expect("content dir");
    for entry in std::fs::read_dir(&run.content).expect("fixtures") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, content.join(path.file_name().expect("name"))).expect("copy");
    }
    let dir = content.to_string_lossy().into_owned();
    let out = run.pitcrew(
        &["translate", "stuck-fob", "--lang", "de", "--content", &dir],
        "",
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let skeleton = content.join("stuck-fob.de.toml");
    assert!(skeleton.exists(), "{stdout}");
    // Empty texts are errors: a skeleton is not shipped half done.
    let out = run.pitcrew(&["check", "--content", &dir], "");
    assert!(!out.status.success());
    // Writing it again would overwrite a translator's work: refused.
    let out = run.pitcrew(
        &["translate", "stuck-fob", "--lang", "de", "--content", &dir],
        "",
    );
    assert!(!out.status.success());
    let file = skeleton.to_string_lossy().into_owned();
    let out = run.pitcrew(&["translate", "--stamp", &file], "");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("0 source hash(es) updated"), "{stdout}");
}

#[test]
fn chat_asks_whether_a_resolved_guide_fixed_it_and_a_no_goes_to_a_volunteer() {
    use pitcrew::domain::SessionId;
    let run = Run::new("tests/fixtures/cli");
    let yes = run.pitcrew(&["chat", "stuck-fob", "--user", "ana"], "1\n1\ny\nq\n");
    let (stdout, stderr) = text(&yes);
    assert!(yes.status.success(), "{stderr}");
    let asked = stdout
        .find("Did this fix it?")
        .expect("asked after the outcome");
    assert!(
        stdout[asked..].contains("Thanks for telling us."),
        "{stdout}"
    );
    let no = run.pitcrew(&["chat", "stuck-fob", "--user", "bo"], "1\n1\nn\nq\n");
    let (stdout, _) = text(&no);
    let asked = stdout.find("Did this fix it?").expect("asked");
    assert!(
        stdout[asked..].contains("A club volunteer can take it from here"),
        "{stdout}"
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = pitcrew::store::Store::open(&run.db_url()).await.unwrap();
        assert_eq!(store.fixed(SessionId(1)).await.unwrap(), Some(true));
        assert_eq!(store.fixed(SessionId(2)).await.unwrap(), Some(false));
        store.close().await;
    });
}

//! Messages with files through real serenity: multipart bodies, stored attachments, limits.

use serenity::all::HttpBuilder;

use super::bot::{discord_error, ready_pair};
use crate::fake::builders::command;

/// Files as Discord takes them: serenity sends multipart/form-data (`payload_json` and
/// `files[n]`) for an interaction response, a follow-up, an edit and a channel message; the
/// fake stores each message's `attachments` as Discord serves them, serenity reads them back,
/// and the bytes are there for assertions. Eleven files, or one over 25 MiB, are refused.
#[tokio::test]
async fn files_round_trip_as_multipart_and_discords_limits_hold() {
    let (server, mut bot, scene) = ready_pair().await;
    let probe = |case| command("probe").string("case", case).by(&scene.actor);
    let h = server.dispatch(probe("files")).await;
    bot.outcome("files:response")
        .await
        .expect("response with files");
    let original = server.original_message(&h).expect("the response");
    let shown = original.to_serenity();
    let names: Vec<&str> = shown
        .attachments
        .iter()
        .map(|a| a.filename.as_str())
        .collect();
    assert_eq!(names, ["funnel.png", "figures.csv"]);
    assert_eq!(
        shown.attachments[0].content_type.as_deref(),
        Some("image/png")
    );
    assert_eq!(shown.attachments[1].size, 25);
    assert!(shown.attachments[1].url.ends_with("/figures.csv"));
    assert_eq!(shown.embeds[0].title.as_deref(), Some("Figures"));
    assert!(original.is_ephemeral());
    assert_eq!(
        server.attachment(original.id, "figures.csv").as_deref(),
        Some(&b"guide,starts\nflat-tyre,3\n"[..])
    );

    bot.outcome("files:followup")
        .await
        .expect("follow-up with a file");
    let follow = &server.followups(&h)[0];
    assert_eq!(follow.content(), "and one more");
    assert_eq!(
        server.attachments(follow.id),
        [("more.txt".to_string(), b"second".to_vec())]
    );

    // An edit that lists attachments replaces them: here, one new file only.
    bot.outcome("files:edit")
        .await
        .expect("edit with a new file");
    let edited = server.message(original.id).expect("still there");
    assert_eq!(
        server.attachments(edited.id),
        [("funnel.png".to_string(), b"v2".to_vec())]
    );
    assert_eq!(edited.to_serenity().attachments.len(), 1);

    // A channel message through serenity's Http alone.
    let http = HttpBuilder::new(server.token())
        .proxy(server.api_url())
        .ratelimiter_disabled(true)
        .build();
    let sent = serenity::all::ChannelId::new(scene.channel_id)
        .send_message(
            &http,
            serenity::all::CreateMessage::new()
                .content("the table")
                .add_file(serenity::all::CreateAttachment::bytes(
                    b"a,b\n".to_vec(),
                    "t.csv",
                )),
        )
        .await
        .expect("a message with a file");
    assert_eq!(sent.attachments[0].filename, "t.csv");
    assert_eq!(sent.attachments[0].size, 4);
    assert_eq!(
        server.attachment(sent.id.get(), "t.csv").as_deref(),
        Some(&b"a,b\n"[..])
    );
    server.assert_no_violations();

    server.dispatch(probe("eleven_files")).await;
    let (status, code, paths) = discord_error(bot.outcome("eleven_files").await);
    assert_eq!(
        (status, code, paths),
        (400, 50035, vec!["attachments".to_string()])
    );
    server.expect_violation(50035);
    server.dispatch(probe("huge_file")).await;
    let (status, code, _) = discord_error(bot.outcome("huge_file").await);
    assert_eq!((status, code), (413, 40005));
    server.expect_violation(40005);
    bot.stop().await;
    server.assert_no_violations();
}

//! The minimal serenity bot the self-test drives, built the way the product builds its client.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use serenity::all::{
    ButtonStyle, ClientBuilder, Command, CommandInteraction, CommandOptionType, Context,
    CreateActionRow, CreateAttachment, CreateAutocompleteResponse, CreateButton, CreateCommand,
    CreateCommandOption, CreateEmbed, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateModal,
    EditInteractionResponse, EventHandler, GatewayIntents, HttpBuilder, InputTextStyle,
    Interaction, Ready, ShardManager,
};
use serenity::async_trait;
use serenity::http::HttpError;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

use crate::fake::{FakeDiscord, GuildScene};

pub const T: Duration = Duration::from_secs(5);

/// What the bot's handlers did, so tests see serenity's side of each exchange too.
pub struct Outcome {
    pub step: String,
    pub result: serenity::Result<()>,
}

pub struct SelfTestBot {
    pub tx: UnboundedSender<Outcome>,
}

impl SelfTestBot {
    fn report(&self, step: impl Into<String>, result: serenity::Result<()>) {
        let _ = self.tx.send(Outcome {
            step: step.into(),
            result,
        });
    }
}

fn safety_buttons() -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(vec![
        CreateButton::new("safe:yes")
            .label("Yes, I'm safe")
            .style(ButtonStyle::Success),
        CreateButton::new("safe:no")
            .label("No")
            .style(ButtonStyle::Danger),
    ])]
}

fn labelled(ids: impl IntoIterator<Item = String>, label: &str) -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(
        ids.into_iter()
            .map(|id| CreateButton::new(id).label(label))
            .collect(),
    )]
}

#[async_trait]
impl EventHandler for SelfTestBot {
    async fn ready(&self, ctx: Context, _ready: Ready) {
        let vehicle = CreateCommandOption::new(
            CommandOptionType::String,
            "vehicle",
            "What are you driving?",
        )
        .set_autocomplete(true);
        let case =
            CreateCommandOption::new(CommandOptionType::String, "case", "Which probe to run")
                .required(true);
        let commands = vec![
            CreateCommand::new("triage")
                .description("Start a roadside triage")
                .add_option(vehicle),
            CreateCommand::new("probe")
                .description("Self-test probes")
                .add_option(case),
        ];
        let result = Command::set_global_commands(&ctx.http, commands)
            .await
            .map(|_| ());
        self.report("register", result);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(cmd) if cmd.data.name == "triage" => {
                let msg = CreateInteractionResponseMessage::new()
                    .content("Are you somewhere safe, away from traffic?")
                    .ephemeral(true)
                    .components(safety_buttons());
                self.report(
                    "triage",
                    cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            Interaction::Command(cmd) => {
                let case = cmd
                    .data
                    .options
                    .first()
                    .and_then(|o| o.value.as_str())
                    .unwrap_or_default()
                    .to_string();
                let reply =
                    |m: CreateInteractionResponseMessage| CreateInteractionResponse::Message(m);
                let msg = CreateInteractionResponseMessage::new();
                match case.as_str() {
                    "content2001" => {
                        // serenity checks content length itself and never sends this...
                        let too_long = msg.content("x".repeat(2001));
                        self.report(
                            "content2001:builder",
                            cmd.create_response(&ctx.http, reply(too_long)).await,
                        );
                        // ...so the raw route is how an over-long body reaches Discord.
                        let body = json!({"type": 4, "data": {"content": "é".repeat(2001)}});
                        self.report(
                            "content2001:raw",
                            ctx.http
                                .create_interaction_response(cmd.id, &cmd.token, &body, vec![])
                                .await,
                        );
                    }
                    "six_buttons" => {
                        let m = msg
                            .content("pick")
                            .components(labelled((0..6).map(|i| format!("b{i}")), "ok"));
                        self.report(case, cmd.create_response(&ctx.http, reply(m)).await);
                    }
                    "long_label" => {
                        let m = msg
                            .content("pick")
                            .components(labelled(["b".to_string()], &"l".repeat(81)));
                        self.report(case, cmd.create_response(&ctx.http, reply(m)).await);
                    }
                    "long_custom_id" => {
                        let m = msg
                            .content("pick")
                            .components(labelled(["c".repeat(101)], "ok"));
                        self.report(case, cmd.create_response(&ctx.http, reply(m)).await);
                    }
                    "double" => {
                        self.report(
                            "double:first",
                            cmd.create_response(&ctx.http, reply(msg.clone().content("one")))
                                .await,
                        );
                        self.report(
                            "double:second",
                            cmd.create_response(&ctx.http, reply(msg.content("two")))
                                .await,
                        );
                    }
                    "slow" => {
                        tokio::time::sleep(Duration::from_millis(3200)).await;
                        self.report(
                            case,
                            cmd.create_response(&ctx.http, reply(msg.content("finally")))
                                .await,
                        );
                    }
                    "defer" => {
                        let defer = CreateInteractionResponse::Defer(msg.ephemeral(true));
                        self.report("defer:ack", cmd.create_response(&ctx.http, defer).await);
                        let edit = EditInteractionResponse::new().content("Checked your location.");
                        self.report(
                            "defer:edit",
                            cmd.edit_response(&ctx.http, edit).await.map(|_| ()),
                        );
                        let follow = CreateInteractionResponseFollowup::new()
                            .content("A volunteer will join you.")
                            .ephemeral(true);
                        self.report(
                            "defer:followup",
                            cmd.create_followup(&ctx.http, follow).await.map(|_| ()),
                        );
                    }
                    "modal" => {
                        let input = CreateInputText::new(
                            InputTextStyle::Paragraph,
                            "What happened?",
                            "details",
                        )
                        .max_length(500);
                        let modal = CreateModal::new("report", "Describe the problem")
                            .components(vec![CreateActionRow::InputText(input)]);
                        self.report(
                            case,
                            cmd.create_response(&ctx.http, CreateInteractionResponse::Modal(modal))
                                .await,
                        );
                    }
                    "files" | "eleven_files" | "huge_file" => self.files(&ctx, &cmd, &case).await,
                    _ => self.report(
                        "unknown",
                        cmd.create_response(&ctx.http, reply(msg.content("?")))
                            .await,
                    ),
                }
            }
            Interaction::Component(press) => {
                let next = CreateInteractionResponseMessage::new()
                    .content(format!(
                        "You said {}. Switch on your hazard lights.",
                        press.data.custom_id
                    ))
                    .components(labelled(["lights:on".to_string()], "Done"));
                self.report(
                    "press",
                    press
                        .create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(next))
                        .await,
                );
            }
            Interaction::Autocomplete(ac) => {
                let typed = ac
                    .data
                    .autocomplete()
                    .map(|o| o.value.to_string())
                    .unwrap_or_default();
                let choices = ["car", "camper", "motorbike", "van"]
                    .iter()
                    .filter(|v| v.starts_with(&typed))
                    .fold(CreateAutocompleteResponse::new(), |r, v| {
                        r.add_string_choice(*v, *v)
                    });
                self.report(
                    "autocomplete",
                    ac.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(choices))
                        .await,
                );
            }
            Interaction::Modal(submit) => {
                let text = submit
                    .data
                    .components
                    .first()
                    .and_then(|r| r.components.first())
                    .map(|c| format!("{c:?}"))
                    .unwrap_or_default();
                let msg = CreateInteractionResponseMessage::new()
                    .content(format!("Noted: {}", text.len()))
                    .ephemeral(true);
                self.report(
                    "modal:submit",
                    submit
                        .create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            _ => {}
        }
    }
}

impl SelfTestBot {
    /// Answers with files as serenity sends them (multipart): a response with an embed and two
    /// files, a follow-up with one, and an edit that replaces the response's files; or one
    /// answer past Discord's limits (eleven files, one over 25 MiB).
    async fn files(&self, ctx: &Context, cmd: &CommandInteraction, case: &str) {
        let file = |name: &str, bytes: &[u8]| CreateAttachment::bytes(bytes.to_vec(), name);
        let msg = CreateInteractionResponseMessage::new().ephemeral(true);
        let respond = |m| cmd.create_response(&ctx.http, CreateInteractionResponse::Message(m));
        match case {
            "eleven_files" => {
                let m = msg.add_files((0..11).map(|i| file(&format!("f{i}.txt"), b"x")));
                self.report(case, respond(m).await);
            }
            "huge_file" => {
                let m = msg.add_file(file("huge.bin", &vec![0u8; 25 * 1024 * 1024 + 1]));
                self.report(case, respond(m).await);
            }
            _ => {
                let m = msg
                    .embed(CreateEmbed::new().title("Figures"))
                    .add_file(file("funnel.png", b"\x89PNG\r\n\x1a\nfake"))
                    .add_file(file("figures.csv", b"guide,starts\nflat-tyre,3\n"));
                self.report("files:response", respond(m).await);
                let follow = CreateInteractionResponseFollowup::new()
                    .content("and one more")
                    .ephemeral(true)
                    .add_file(file("more.txt", b"second"));
                let sent = cmd.create_followup(&ctx.http, follow).await.map(drop);
                self.report("files:followup", sent);
                let edit = EditInteractionResponse::new().new_attachment(file("funnel.png", b"v2"));
                let edited = cmd.edit_response(&ctx.http, edit).await.map(drop);
                self.report("files:edit", edited);
            }
        }
    }
}

pub struct Bot {
    pub shard_manager: Arc<ShardManager>,
    pub task: JoinHandle<serenity::Result<()>>,
    pub events: UnboundedReceiver<Outcome>,
}

pub async fn start_bot(server: &FakeDiscord, token: &str) -> Bot {
    let http = HttpBuilder::new(token)
        .proxy(server.api_url())
        .ratelimiter_disabled(true)
        .build();
    let (tx, events) = unbounded_channel();
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
        .event_handler(SelfTestBot { tx })
        .await
        .expect("client builds");
    let shard_manager = Arc::clone(&client.shard_manager);
    let task = tokio::spawn(async move { client.start().await });
    Bot {
        shard_manager,
        task,
        events,
    }
}

impl Bot {
    /// The result of the handler step `step`, skipping other steps.
    pub async fn outcome(&mut self, step: &str) -> serenity::Result<()> {
        let deadline = tokio::time::Instant::now() + T;
        loop {
            let next = tokio::time::timeout_at(deadline, self.events.recv()).await;
            match next {
                Ok(Some(o)) if o.step == step => return o.result,
                Ok(Some(_)) => {}
                _ => panic!("the bot never reported `{step}`"),
            }
        }
    }

    pub async fn stop(self) {
        self.shard_manager.shutdown_all().await;
        let _ = tokio::time::timeout(T, self.task)
            .await
            .expect("client stops after shutdown_all");
    }
}

/// Server + bot, with the commands registered and a guild member to act as.
pub async fn ready_pair() -> (FakeDiscord, Bot, GuildScene) {
    let server = FakeDiscord::start().await;
    let scene = server.simple_guild("stranded_driver");
    let mut bot = start_bot(&server, server.token()).await;
    server.wait_ready(T).await.expect("READY");
    bot.outcome("register").await.expect("commands registered");
    (server, bot, scene)
}

/// Discord's JSON error code and per-field paths, from a serenity error.
pub fn discord_error(result: serenity::Result<()>) -> (u16, isize, Vec<String>) {
    match result {
        Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(e))) => (
            e.status_code.as_u16(),
            e.error.code,
            e.error.errors.iter().map(|x| x.path.clone()).collect(),
        ),
        other => panic!("expected an HTTP error from Discord, got {other:?}"),
    }
}

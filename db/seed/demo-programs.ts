// The demo's onboarding programs: two published (Software Engineer, Customer Success) sharing two
// company milestones, and one draft (Operations). Guides are referenced by key and resolved to ids
// by demo.ts, because process definitions hold real guide ids.
import type { TaskKind } from "../schema";
import type { ProcessDefinitionInput } from "../../lib/templates/process-definition";
import type { EntityKey, GuideKey, ProfessionKey } from "./demo-content";

export type StepSpec = { name: string; definition: ProcessDefinitionInput };
export type TaskSpec = { name: string; description: string; kind?: TaskKind; minutes: number; parents?: string[]; guides?: GuideKey[]; steps: StepSpec[] };
export type MilestoneSpec = { name: string; description: string; hours: number; entity: EntityKey; isDraft?: boolean; guides?: GuideKey[]; tasks: TaskSpec[] };
export type ProgramSpec = {
  name: string;
  description: string;
  entity: EntityKey;
  profession: ProfessionKey;
  durationDays: number;
  isDraft: boolean;
  guides?: GuideKey[];
  milestones: { milestone: MilestoneSpec; offset: number; duration: number }[];
};

type GuideId = (key: GuideKey) => number;
type Item = string | { title: string; validate?: boolean; guide?: GuideKey };

export function demoPrograms(guide: GuideId): ProgramSpec[] {
  const read = (name: string, body: string, guides: GuideKey[] = []): StepSpec => ({
    name,
    definition: { type: "instruction", body, guide_ids: guides.map(guide) },
  });
  const checklist = (name: string, mode: "sequential" | "parallel", items: Item[]): StepSpec => ({
    name,
    definition: {
      type: "checklist",
      mode,
      items: items.map((i) =>
        typeof i === "string" ? { title: i } : { title: i.title, requires_validation: i.validate ?? false, ...(i.guide ? { guide_id: guide(i.guide) } : {}) },
      ),
    },
  });
  const submit = (name: string, instructions: string, accepts: "text" | "link" | "text_or_link" = "text_or_link"): StepSpec => ({
    name,
    definition: { type: "submission", instructions, accepts, rated: true },
  });
  type Question = Extract<ProcessDefinitionInput, { type: "quiz" }>["questions"][number];
  const quiz = (name: string, questions: Question[], pass_mark = 0.7): StepSpec => ({
    name,
    definition: { type: "quiz", questions, pass_mark, max_attempts: 3, time_limit_minutes: 20, shuffle: true },
  });
  const ids = "abcdef";
  const choices = (texts: string[]) => texts.map((text, i) => ({ id: ids.charAt(i), text }));
  const single = (id: string, prompt: string, texts: string[], correct: number): Question => ({
    id, prompt, kind: "single", choices: choices(texts), correct: ids.charAt(correct),
  });
  const multiple = (id: string, prompt: string, texts: string[], correct: number[]): Question => ({
    id, prompt, kind: "multiple", choices: choices(texts), correct: correct.map((c) => ids.charAt(c)), points: 2,
  });
  const short = (id: string, prompt: string, accepted: string[]): Question => ({ id, prompt, kind: "short", accepted_answers: accepted });

  const welcome: MilestoneSpec = {
    name: "Welcome to Northwind",
    description: "Paperwork, a working laptop, your buddy and how we work.",
    hours: 6,
    entity: "company",
    guides: ["welcome"],
    tasks: [
      { name: "Complete your HR paperwork", description: "Everything HR needs before your first payday.", minutes: 45, steps: [
        checklist("HR paperwork", "parallel", ["Sign the employment contract in the HR portal", "Upload your tax ID and social security details", "Choose your benefits package", "Add an emergency contact"]),
      ] },
      { name: "Set up your workstation", description: "A secure, working laptop on day one.", minutes: 90, steps: [
        read("Before you set up", "Your laptop arrives **pre-enrolled**. Keep the temporary password from your welcome mail at hand; you will replace it in the first step.", ["security"]),
        checklist("Workstation setup", "sequential", [
          "Sign in with the temporary password and choose your own",
          { title: "Enable full-disk encryption", validate: true, guide: "encryption" },
          "Install the company password manager",
          { title: "Set up two-factor authentication for SSO", validate: true, guide: "security" },
          "Join the company chat and introduce yourself in #new-joiners",
        ]),
      ] },
      { name: "Meet your onboarding buddy", description: "Your buddy answers the questions a handbook cannot.", minutes: 30, steps: [
        read("Who is your buddy?", "Your buddy is an experienced colleague from a **neighbouring team**. They are not your manager: ask them anything, however small."),
        checklist("First week with your buddy", "parallel", ["Have a 30-minute introduction call", "Agree on a daily check-in time", "Get a tour of the office or the virtual office"]),
      ] },
      { name: "How we work at Northwind", description: "Values, rituals and where decisions are written down.", minutes: 40, guides: ["welcome"], steps: [
        read("Read: how we work", "Read the welcome guide, then skim the handbook's *Decisions* page.", ["welcome"]),
        submit("First-week reflection", "In a few sentences: what surprised you, and what is still unclear?", "text"),
      ] },
    ],
  };

  const security: MilestoneSpec = {
    name: "Security & Compliance",
    description: "Security rules and data protection everyone at Northwind follows.",
    hours: 3,
    entity: "company",
    tasks: [
      { name: "Read the security handbook", description: "The five rules that keep customers' data safe.", minutes: 45, guides: ["security"], steps: [
        read("Security handbook", "Read the handbook end to end; the exam asks about it.", ["security"]),
        checklist("Security essentials", "parallel", ["Report the phishing test mail with the Report button", "Lock your screen when you step away", "Move every credential into the password manager"]),
      ] },
      { name: "Data protection (GDPR) training", description: "Personal data, legal bases and data subject requests.", minutes: 60, guides: ["gdpr"], steps: [
        read("Why data protection matters", "We process delivery addresses of millions of people. Treat every one as if it were your own.", ["gdpr"]),
        checklist("GDPR training", "sequential", [{ title: "Complete the interactive GDPR module", validate: true, guide: "gdpr" }, "Read the data classification policy"]),
      ] },
      { name: "Security & data protection exam", description: "Twelve minutes, pass mark 70 %.", kind: "exam", minutes: 20, parents: ["Read the security handbook", "Data protection (GDPR) training"], steps: [
        quiz("Security & data protection quiz", [
          single("q1", "You receive an unexpected mail asking you to confirm your SSO password. What do you do?", ["Reply with the password", "Click the link to check", "Report it with the Report phishing button"], 2),
          multiple("q2", "Where may secrets such as API keys be stored?", ["The password manager", "A chat message to yourself", "The secrets vault used by CI", "A ticket comment"], [0, 2]),
          single("q3", "You lost your laptop on the train. When do you call the IT hotline?", ["Immediately", "Next working day", "Only if it was unlocked"], 0),
          short("q4", "What does GDPR stand for?", ["General Data Protection Regulation"]),
        ]),
      ] },
    ],
  };

  const engineering: ProgramSpec = {
    name: "Software Engineer Onboarding",
    description: "Three weeks from a new laptop to a shipped starter project.",
    entity: "eng",
    profession: "software",
    durationDays: 15,
    isDraft: false,
    guides: ["welcome", "architecture"],
    milestones: [
      { milestone: welcome, offset: 0, duration: 2 },
      { milestone: security, offset: 2, duration: 1 },
      { offset: 3, duration: 2, milestone: { name: "Development environment", description: "Access, a running local stack and the big picture.", hours: 8, entity: "eng", tasks: [
        { name: "Get access to code and tools", description: "Accounts for everything an engineer uses daily.", minutes: 30, steps: [
          checklist("Access requests", "parallel", ["Accept the GitHub organisation invite", "Install the VPN profile", { title: "Request access to the staging cloud account", validate: true }, "Bookmark the CI dashboard"]),
        ] },
        { name: "Run the platform locally", description: "The whole stack on your laptop, tests green.", minutes: 120, parents: ["Get access to code and tools"], steps: [
          read("Local setup", "```sh\ngit clone git@github.com:northwind/platform.git\ncd platform && make bootstrap\ndocker compose up -d\nmake test-smoke\n```\nStuck for more than 30 minutes? Ask in `#dev-help`."),
          checklist("Local stack", "sequential", ["Clone the monorepo", "Run make bootstrap", "Start the stack with docker compose", { title: "All smoke tests pass locally", validate: true }]),
        ] },
        { name: "Architecture overview", description: "How an order travels through our services.", minutes: 60, guides: ["architecture"], steps: [
          read("Watch the architecture video", "Watch the video, then open the service map in the repository's `docs/` folder.", ["architecture"]),
        ] },
        { name: "Architecture quiz", description: "Checks the big picture, not the details.", kind: "exam", minutes: 20, parents: ["Architecture overview"], steps: [
          quiz("Architecture quiz", [
            single("q1", "Which service owns the state of an order?", ["Routing engine", "Order service", "API gateway"], 1),
            multiple("q2", "Which of these publish events to the event bus?", ["Order service", "Routing engine", "The CI pipeline", "Driver app backend"], [0, 1, 3]),
            short("q3", "Name the message broker behind our event bus.", ["Kafka", "Apache Kafka"]),
          ]),
        ] },
      ] } },
      { offset: 5, duration: 3, milestone: { name: "Engineering practices", description: "Reviews, tests and your first merged pull request.", hours: 14, entity: "eng", guides: ["codeReview"], tasks: [
        { name: "Code review guidelines", description: "How we give and take feedback on code.", minutes: 45, guides: ["codeReview"], steps: [
          read("Read the review guidelines", "Read the guide and two recently merged pull requests with long discussions.", ["codeReview"]),
          checklist("Practice reviews", "parallel", ["Review two open pull requests with a senior engineer", "Leave one suggestion in conventional-comments format"]),
        ] },
        { name: "Testing strategy", description: "What we test where, and why.", minutes: 45, steps: [
          read("Our test pyramid", "- **Unit tests** beside the code, fast and many.\n- **Integration tests** against a real database.\n- **End-to-end tests** for the five journeys customers pay for.\n\nA bug fix starts with a failing test."),
        ] },
        { name: "Ship your first pull request", description: "A small real change, reviewed and merged.", minutes: 240, parents: ["Run the platform locally", "Code review guidelines"], steps: [
          checklist("First pull request", "sequential", ["Pick a good-first-issue ticket", "Open a draft pull request early", "Address the review comments", { title: "Merge after green CI and an approval", validate: true }]),
          submit("Link to your merged pull request", "Paste the link to the merged pull request.", "link"),
        ] },
        { name: "Engineering practices exam", description: "Reviews and testing, pass mark 70 %.", kind: "exam", minutes: 25, parents: ["Code review guidelines", "Testing strategy"], steps: [
          quiz("Engineering practices quiz", [
            single("q1", "What is the largest pull request we aim for?", ["100 changed lines", "400 changed lines", "No limit"], 1),
            single("q2", "A bug fix starts with…", ["A failing test", "A deployment", "A post-mortem"], 0),
            multiple("q3", "Which prefixes are conventional comments?", ["nit:", "suggestion:", "todo!!", "question:"], [0, 1, 3]),
          ]),
        ] },
      ] } },
      { offset: 8, duration: 3, milestone: { name: "Production & on-call", description: "Dashboards, incidents and a shadowed on-call shift.", hours: 12, entity: "eng", tasks: [
        { name: "Observability tour", description: "Find your way around metrics, logs and traces.", minutes: 60, guides: ["observability"], steps: [
          read("Dashboards walkthrough", "Complete the interactive tour in the sandbox.", ["observability"]),
        ] },
        { name: "Incident response process", description: "What happens when production breaks.", minutes: 45, guides: ["incident"], steps: [
          read("Incident playbook", "Read the playbook; keep the severity table at hand.", ["incident"]),
          checklist("Incident preparation", "parallel", ["Join #incidents and the on-call calendar", "Read the last three post-mortems"]),
        ] },
        { name: "Shadow an on-call shift", description: "A day beside the on-call engineer.", minutes: 240, parents: ["Incident response process"], steps: [
          checklist("On-call shadowing", "parallel", ["Attend the on-call handover", { title: "Acknowledge a test page in the paging app", validate: true }, "Take notes on one alert you observed"]),
          submit("Shadowing notes", "What fired, what did on-call do, and what would you have done differently?"),
        ] },
        { name: "Incident response exam", description: "Severities and roles, pass mark 70 %.", kind: "exam", minutes: 20, parents: ["Observability tour", "Incident response process"], steps: [
          quiz("Incident response quiz", [
            single("q1", "Customers cannot place orders. Which severity is it?", ["SEV1", "SEV2", "SEV3"], 0),
            multiple("q2", "Which roles does every SEV1 have?", ["Incident lead", "Communicator", "Release manager"], [0, 1]),
            short("q3", "Within how many working days is the post-mortem written? (a number)", ["5", "five"]),
          ]),
        ] },
      ] } },
      { offset: 11, duration: 4, milestone: { name: "Your first project", description: "A starter project from design note to demo.", hours: 20, entity: "eng", tasks: [
        { name: "Pick a starter project with your manager", description: "Small, real and owned by you.", minutes: 30, steps: [
          read("What makes a good starter project", "Shippable in a week, touches two services, has a customer-visible result."),
          checklist("Scope agreed", "parallel", ["Agree on scope and success criteria", "Create the project ticket"]),
        ] },
        { name: "Write a short design note", description: "One page: problem, options, decision.", minutes: 120, parents: ["Pick a starter project with your manager"], steps: [
          submit("Design note", "Link the design note document, or paste it here."),
        ] },
        { name: "Deliver your starter project", description: "Build it, roll it out, show it.", minutes: 480, parents: ["Write a short design note", "Ship your first pull request"], steps: [
          checklist("Delivery", "sequential", ["Implementation merged", "Feature flag rolled out to staging", { title: "Demo at the team's weekly", validate: true }]),
          submit("Demo recording", "Link the recording of your demo.", "link"),
        ] },
        { name: "30-day reflection with your manager", description: "Look back, look ahead.", minutes: 45, parents: ["Deliver your starter project"], steps: [
          read("Prepare the conversation", "Bring three things that went well and one thing you would change about this onboarding."),
          submit("Reflection notes", "Your notes from the conversation.", "text"),
        ] },
      ] } },
    ],
  };

  const customerSuccess: ProgramSpec = {
    name: "Customer Success Onboarding",
    description: "Two and a half weeks from product basics to your first solo tickets.",
    entity: "cs",
    profession: "support",
    durationDays: 12,
    isDraft: false,
    guides: ["welcome", "toneOfVoice"],
    milestones: [
      { milestone: welcome, offset: 0, duration: 2 },
      { milestone: security, offset: 2, duration: 1 },
      { offset: 3, duration: 3, milestone: { name: "Product fundamentals", description: "What customers buy and how they use it.", hours: 10, entity: "cs", guides: ["productTour"], tasks: [
        { name: "Product tour", description: "Northwind Route from a retailer's point of view.", minutes: 60, guides: ["productTour"], steps: [
          read("Watch the product tour", "Watch the tour, then create one order in the demo account.", ["productTour"]),
        ] },
        { name: "Plans, pricing and billing", description: "Plans, upgrades and refunds.", minutes: 45, steps: [
          read("Plans at a glance", "| Plan | Vans | Support |\n| --- | --- | --- |\n| Starter | up to 5 | mail |\n| Growth | up to 50 | mail, chat |\n| Enterprise | unlimited | 24/7 phone |"),
          checklist("Billing sandbox", "parallel", ["Walk through an upgrade in the billing sandbox", { title: "Issue a test refund in the sandbox", validate: true }]),
        ] },
        { name: "Product fundamentals exam", description: "Plans and core features, pass mark 70 %.", kind: "exam", minutes: 20, parents: ["Product tour", "Plans, pricing and billing"], steps: [
          quiz("Product fundamentals quiz", [
            single("q1", "Which plan includes 24/7 phone support?", ["Starter", "Growth", "Enterprise"], 2),
            short("q2", "How many vans does the Starter plan allow at most? (a number)", ["5", "five"]),
            multiple("q3", "Which channels does the Growth plan include?", ["Mail", "Chat", "Phone"], [0, 1]),
          ]),
        ] },
      ] } },
      { offset: 6, duration: 2, milestone: { name: "Support tooling", description: "The helpdesk, triage and macros.", hours: 8, entity: "cs", tasks: [
        { name: "Set up the helpdesk", description: "Your helpdesk seat, ready for real tickets.", minutes: 45, guides: ["helpdesk"], steps: [
          checklist("Helpdesk setup", "sequential", ["Sign in to the helpdesk with SSO", "Set your signature and working hours", "Install the helpdesk browser extension", { title: "Send a test reply to the sandbox queue", validate: true, guide: "helpdesk" }]),
        ] },
        { name: "Ticket triage workflow", description: "Category, priority, owner — in that order.", minutes: 60, steps: [
          read("How we triage", "1. **Category** decides the queue.\n2. **Priority** follows the plan and the impact.\n3. **Owner** is whoever picks it up first — then it is yours until solved."),
          checklist("Triage practice", "parallel", ["Tag five sandbox tickets with the right category", "Set the priority on five sandbox tickets"]),
        ] },
        { name: "Write macros for the top five questions", description: "Reusable answers in our tone of voice.", minutes: 90, parents: ["Set up the helpdesk"], steps: [
          submit("Macro drafts", "Paste your five macros; your manager reviews them."),
        ] },
      ] } },
      { offset: 8, duration: 4, milestone: { name: "Customer conversations", description: "Shadow, then answer customers yourself.", hours: 16, entity: "cs", guides: ["toneOfVoice"], tasks: [
        { name: "Shadow live support", description: "Listen in before you speak up.", minutes: 240, steps: [
          checklist("Shadowing", "parallel", ["Shadow two phone calls", "Shadow one chat session", { title: "Shadow a Tier 2 escalation", validate: true }]),
        ] },
        { name: "Our tone of voice", description: "How Northwind sounds.", minutes: 30, guides: ["toneOfVoice"], steps: [
          read("Tone of voice", "Read the guide and rewrite one old macro in our voice.", ["toneOfVoice"]),
        ] },
        { name: "Handle your first tickets", description: "From reviewed replies to solo work.", minutes: 480, parents: ["Shadow live support", "Our tone of voice"], steps: [
          checklist("First tickets", "sequential", ["Answer five tickets with a reviewer", "Answer ten tickets on your own", { title: "Receive a CSAT rating of at least 4 out of 5", validate: true }]),
          submit("Your best reply", "Paste the reply you are proudest of (remove customer names)."),
        ] },
        { name: "Escalation policy exam", description: "When and how to escalate, pass mark 70 %.", kind: "exam", minutes: 20, parents: ["Ticket triage workflow"], steps: [
          quiz("Escalation policy quiz", [
            single("q1", "An Enterprise customer cannot dispatch any van. What do you do first?", ["Escalate to Tier 2 with priority urgent", "Ask them to restart the app", "Wait for more reports"], 0),
            multiple("q2", "What belongs in every escalation note?", ["Customer and plan", "Steps to reproduce", "Your opinion of the customer", "What you already tried"], [0, 1, 3]),
            short("q3", "Which team receives escalations from Tier 1?", ["Tier 2", "tier two"]),
          ]),
        ] },
      ] } },
    ],
  };

  const operationsDraft: ProgramSpec = {
    name: "Operations Analyst Onboarding",
    description: "Draft: finance systems, month-end close and reporting.",
    entity: "ops",
    profession: "operations",
    durationDays: 10,
    isDraft: true,
    milestones: [
      { milestone: welcome, offset: 0, duration: 2 },
      { milestone: security, offset: 2, duration: 1 },
      { offset: 3, duration: 5, milestone: { name: "Operations tooling", description: "ERP, month-end close and reporting basics.", hours: 24, entity: "ops", isDraft: true, tasks: [
        { name: "Tour of the ERP system", description: "Where orders, invoices and purchase orders live.", minutes: 90, steps: [read("ERP basics", "Work through the ERP sandbox exercises with your buddy.")] },
        { name: "Month-end close walkthrough", description: "The close calendar, step by step.", minutes: 120, steps: [
          checklist("Month-end close", "sequential", ["Reconcile the bank accounts", "Accrue open purchase orders", { title: "Review the variance report with your manager", validate: true }]),
        ] },
        { name: "Reporting basics exam", description: "KPIs and their definitions.", kind: "exam", minutes: 20, parents: ["Month-end close walkthrough"], steps: [
          quiz("Reporting basics quiz", [single("q1", "Which report shows cost per delivery?", ["Unit economics", "Headcount", "Cash flow"], 0)]),
        ] },
      ] } },
    ],
  };

  return [engineering, customerSuccess, operationsDraft];
}

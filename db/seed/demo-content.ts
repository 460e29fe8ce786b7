// Static content of the demo organisation "Northwind Labs": org units, people and guides.
// Programs live in demo-programs.ts; demo.ts turns both into rows.
import type { FormatCode, UserRole } from "../schema";

export const DEMO_PASSWORD = "groundwork-demo";

export type EntityKey = "company" | "eng" | "cs" | "ops";
export type ProfessionKey = "software" | "support" | "operations";
export type LanguageCode = "en" | "de";

export const DEMO_ENTITIES: { key: EntityKey; name: string; language: LanguageCode }[] = [
  { key: "company", name: "Northwind Labs", language: "en" },
  { key: "eng", name: "Engineering", language: "en" },
  { key: "cs", name: "Customer Success", language: "en" },
  { key: "ops", name: "Operations", language: "de" },
];
export const DEMO_TIME_ZONE = "Europe/Berlin";

export const DEMO_PROFESSIONS: { key: ProfessionKey; name: string; description: string }[] = [
  { key: "software", name: "Software Engineer", description: "Builds and runs the Northwind platform." },
  { key: "support", name: "Support Specialist", description: "Helps customers succeed with the product, by chat, mail and phone." },
  { key: "operations", name: "Operations Analyst", description: "Keeps finance, procurement and reporting running." },
];

/** An onboardee's program started `daysAgo` calendar days ago; `pace` 1 keeps to the schedule. */
export type DemoOnboarding = { daysAgo: number; pace: number; completed?: boolean };

export type DemoPerson = {
  name: string;
  email: string;
  role: UserRole;
  entity: EntityKey;
  manager?: string;
  profession?: ProfessionKey;
  language?: LanguageCode;
  onboarding?: DemoOnboarding;
};

const person = (name: string, role: UserRole, entity: EntityKey, extra: Partial<DemoPerson> = {}): DemoPerson => ({
  name,
  role,
  entity,
  email: `${name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ /g, ".")}@demo.test`,
  ...extra,
});

const eng = (name: string, manager: string, onboarding?: DemoOnboarding) =>
  person(name, "employee", "eng", { manager, profession: "software", onboarding });
const cs = (name: string, manager: string, onboarding?: DemoOnboarding) =>
  person(name, "employee", "cs", { manager, profession: "support", onboarding });
const ops = (name: string, manager: string) => person(name, "employee", "ops", { manager, profession: "operations", language: "de" });

const ADMIN = "admin@demo.test";
const MARCUS = "manager@demo.test";
const PRIYA = "priya.raman@demo.test";
const SOFIA = "sofia.martinez@demo.test";
const DANIEL = "daniel.okafor@demo.test";
const KATRIN = "katrin.schulz@demo.test";

/** Managers come before their reports, so one pass can resolve every manager_id. */
export const DEMO_PEOPLE: DemoPerson[] = [
  person("Alexandra Weber", "admin", "company", { email: ADMIN }),
  person("Jonas Richter", "admin", "company", { manager: ADMIN, language: "de" }),
  person("Marcus Chen", "manager", "eng", { email: MARCUS, manager: ADMIN, profession: "software" }),
  person("Priya Raman", "manager", "eng", { manager: ADMIN, profession: "software" }),
  person("Sofia Martínez", "manager", "cs", { manager: ADMIN, profession: "support" }),
  person("Daniel Okafor", "manager", "cs", { manager: ADMIN, profession: "support" }),
  person("Katrin Schulz", "manager", "ops", { manager: ADMIN, profession: "operations", language: "de" }),
  person("Lukas Becker", "manager", "ops", { manager: ADMIN, profession: "operations", language: "de" }),
  person("Emily Carter", "employee", "eng", { email: "employee@demo.test", manager: MARCUS, profession: "software", onboarding: { daysAgo: 16, pace: 1 } }),
  eng("Tomás Alvarez", MARCUS, { daysAgo: 42, pace: 1, completed: true }),
  eng("Hannah Lindqvist", MARCUS, { daysAgo: 30, pace: 0.6 }),
  eng("Ravi Patel", PRIYA, { daysAgo: 23, pace: 0.75 }),
  eng("Chloé Dubois", PRIYA, { daysAgo: 12, pace: 0.9 }),
  eng("Noah Fischer", MARCUS, { daysAgo: 7, pace: 1.1 }),
  eng("Aiko Tanaka", PRIYA, { daysAgo: 3, pace: 1 }),
  eng("Ben Okonkwo", MARCUS, { daysAgo: 0, pace: 1 }),
  eng("Sarah Kim", MARCUS),
  cs("Grace Liu", SOFIA, { daysAgo: 40, pace: 1, completed: true }),
  cs("Mateo Rossi", SOFIA, { daysAgo: 33, pace: 0.55 }),
  cs("Amara Nwosu", DANIEL, { daysAgo: 26, pace: 0.7 }),
  cs("Olivia Brown", DANIEL, { daysAgo: 19, pace: 0.8 }),
  cs("Lucas Moreau", SOFIA, { daysAgo: 14, pace: 1 }),
  cs("Fatima Haddad", DANIEL, { daysAgo: 9, pace: 1.05 }),
  cs("Jack Wilson", SOFIA, { daysAgo: 5, pace: 0.9 }),
  cs("Elena Petrova", SOFIA),
  ops("Anna Hoffmann", KATRIN),
  ops("Felix Wagner", KATRIN),
  ops("Mia Schneider", "lukas.becker@demo.test"),
  ops("Paul Neumann", "lukas.becker@demo.test"),
];

export type GuideKey =
  | "welcome"
  | "security"
  | "encryption"
  | "gdpr"
  | "architecture"
  | "codeReview"
  | "observability"
  | "incident"
  | "productTour"
  | "helpdesk"
  | "toneOfVoice";

type Translation = { title: string; body: string; mediaUrl?: string };
export type DemoGuide = { key: GuideKey; name: string; format: FormatCode; entity: EntityKey; en: Translation; de: Translation };

const MEDIA = "https://media.northwind.example/guides";
const LEARN = "https://learn.northwind.example";

export const DEMO_GUIDES: DemoGuide[] = [
  {
    key: "welcome",
    name: "Welcome to Northwind",
    format: "text",
    entity: "company",
    en: {
      title: "Welcome to Northwind Labs",
      body: "# Welcome aboard!\n\nNorthwind Labs builds logistics software for mid-sized retailers.\n\n## How we work\n\n- **Write things down.** Decisions live in the handbook, not in chat.\n- **Default to open.** Channels over DMs, drafts over finished work.\n- **Own the outcome.** Ask for help early; nobody ships alone.\n\n## Your first week\n\n1. Finish the *Welcome* milestone.\n2. Meet your buddy every day.\n3. Ask questions in `#new-joiners`.",
    },
    de: {
      title: "Willkommen bei Northwind Labs",
      body: "# Willkommen an Bord!\n\nNorthwind Labs entwickelt Logistiksoftware für mittelständische Händler.\n\n## So arbeiten wir\n\n- **Schreib es auf.** Entscheidungen stehen im Handbuch, nicht im Chat.\n- **Standardmäßig offen.** Kanäle statt Direktnachrichten, Entwürfe statt fertiger Arbeit.\n- **Übernimm Verantwortung.** Frag früh um Hilfe; niemand liefert allein.\n\n## Deine erste Woche\n\n1. Schließe den Meilenstein *Willkommen* ab.\n2. Triff dich täglich mit deinem Buddy.\n3. Stell Fragen in `#new-joiners`.",
    },
  },
  {
    key: "security",
    name: "Security handbook",
    format: "text",
    entity: "company",
    en: {
      title: "Security handbook",
      body: "# Security handbook\n\n## The five rules\n\n1. Lock your screen whenever you leave your desk.\n2. Every account uses SSO with two-factor authentication.\n3. Secrets live in the password manager — never in chat, tickets or code.\n4. Report suspicious mail with the **Report phishing** button.\n5. Lost a device? Call the IT hotline **immediately**, day or night.\n\n> When in doubt, ask in `#security`. Nobody is ever blamed for asking.",
    },
    de: {
      title: "Sicherheitshandbuch",
      body: "# Sicherheitshandbuch\n\n## Die fünf Regeln\n\n1. Sperre deinen Bildschirm, sobald du den Platz verlässt.\n2. Jedes Konto nutzt SSO mit Zwei-Faktor-Authentifizierung.\n3. Geheimnisse gehören in den Passwortmanager — nie in Chat, Tickets oder Code.\n4. Melde verdächtige Mails mit der Schaltfläche **Phishing melden**.\n5. Gerät verloren? Ruf **sofort** die IT-Hotline an, Tag und Nacht.\n\n> Im Zweifel frag in `#security`. Fragen wird nie jemandem vorgeworfen.",
    },
  },
  {
    key: "encryption",
    name: "Full-disk encryption",
    format: "text",
    entity: "company",
    en: {
      title: "Turn on full-disk encryption",
      body: "# Full-disk encryption\n\n**macOS:** System Settings → Privacy & Security → FileVault → *Turn On*.\n\n**Windows:** Settings → Privacy & security → Device encryption → *On*.\n\nStore the recovery key in the password manager under *Devices*. IT validates the setting remotely within a day.",
    },
    de: {
      title: "Festplattenverschlüsselung aktivieren",
      body: "# Festplattenverschlüsselung\n\n**macOS:** Systemeinstellungen → Datenschutz & Sicherheit → FileVault → *Aktivieren*.\n\n**Windows:** Einstellungen → Datenschutz & Sicherheit → Geräteverschlüsselung → *Ein*.\n\nLege den Wiederherstellungsschlüssel im Passwortmanager unter *Geräte* ab. Die IT prüft die Einstellung innerhalb eines Tages aus der Ferne.",
    },
  },
  {
    key: "gdpr",
    name: "GDPR essentials (interactive)",
    format: "interactive",
    entity: "company",
    en: {
      title: "GDPR essentials",
      body: "An interactive module of about 25 minutes: spot personal data in real tickets, pick a legal basis, and handle a data subject request from start to finish. Your score is recorded when you finish.",
      mediaUrl: `${LEARN}/gdpr-essentials?lang=en`,
    },
    de: {
      title: "DSGVO-Grundlagen",
      body: "Ein interaktives Modul von etwa 25 Minuten: Erkenne personenbezogene Daten in echten Tickets, wähle eine Rechtsgrundlage und bearbeite eine Betroffenenanfrage von Anfang bis Ende. Dein Ergebnis wird am Ende gespeichert.",
      mediaUrl: `${LEARN}/gdpr-essentials?lang=de`,
    },
  },
  {
    key: "architecture",
    name: "Architecture overview (video)",
    format: "video",
    entity: "eng",
    en: {
      title: "Architecture overview",
      body: "A 20-minute walkthrough of the platform: the order service, the routing engine, the event bus and how data flows from a retailer's shop to a delivery van.\n\n**Chapters:** 00:00 Overview · 04:10 Order service · 09:30 Routing engine · 15:00 Events and data",
      mediaUrl: `${MEDIA}/architecture-overview-en.mp4`,
    },
    de: {
      title: "Architekturüberblick",
      body: "Ein 20-minütiger Rundgang durch die Plattform: Order-Service, Routing-Engine, Event-Bus und wie Daten vom Shop eines Händlers bis zum Lieferwagen fließen.\n\n**Kapitel:** 00:00 Überblick · 04:10 Order-Service · 09:30 Routing-Engine · 15:00 Events und Daten",
      mediaUrl: `${MEDIA}/architecture-overview-de.mp4`,
    },
  },
  {
    key: "codeReview",
    name: "Code review guidelines",
    format: "text",
    entity: "eng",
    en: {
      title: "Code review guidelines",
      body: "# Code review\n\n- Keep pull requests under **400 changed lines**; split larger work.\n- Review within one working day.\n- Use conventional comments: `nit:`, `suggestion:`, `issue:`, `question:`.\n- Approve when it is better than before, not when it is perfect.\n\n```text\nsuggestion: extract this into a function so the retry policy is testable.\n```",
    },
    de: {
      title: "Richtlinien für Code-Reviews",
      body: "# Code-Review\n\n- Halte Pull-Requests unter **400 geänderten Zeilen**; teile größere Arbeit auf.\n- Reviewe innerhalb eines Arbeitstages.\n- Nutze Conventional Comments: `nit:`, `suggestion:`, `issue:`, `question:`.\n- Gib frei, wenn es besser ist als vorher, nicht erst wenn es perfekt ist.",
    },
  },
  {
    key: "observability",
    name: "Observability dashboards tour (interactive)",
    format: "interactive",
    entity: "eng",
    en: {
      title: "Tour of our dashboards",
      body: "Click through the production dashboards in a sandbox: find the slowest endpoint, follow a trace from the API gateway to the database and silence a noisy alert.",
      mediaUrl: `${LEARN}/observability-tour?lang=en`,
    },
    de: {
      title: "Rundgang durch unsere Dashboards",
      body: "Klicke dich in einer Sandbox durch die Produktions-Dashboards: Finde den langsamsten Endpunkt, verfolge einen Trace vom API-Gateway bis zur Datenbank und schalte einen lauten Alarm stumm.",
      mediaUrl: `${LEARN}/observability-tour?lang=de`,
    },
  },
  {
    key: "incident",
    name: "Incident response playbook",
    format: "text",
    entity: "eng",
    en: {
      title: "Incident response playbook",
      body: "# Incident response\n\n| Severity | Example | Response |\n| --- | --- | --- |\n| SEV1 | Customers cannot place orders | Page on-call, status page within 15 min |\n| SEV2 | Degraded routing for one region | On-call investigates within 30 min |\n| SEV3 | Internal tool broken | Ticket for the next working day |\n\n1. **Declare** the incident in `#incidents`.\n2. **Assign** an incident lead and a communicator.\n3. **Mitigate** first, find the root cause later.\n4. Write a **blameless post-mortem** within five working days.",
    },
    de: {
      title: "Playbook für Störungen",
      body: "# Umgang mit Störungen\n\n| Schweregrad | Beispiel | Reaktion |\n| --- | --- | --- |\n| SEV1 | Kunden können nicht bestellen | On-Call alarmieren, Statusseite binnen 15 Min. |\n| SEV2 | Routing in einer Region gestört | On-Call untersucht binnen 30 Min. |\n| SEV3 | Internes Tool defekt | Ticket für den nächsten Arbeitstag |\n\n1. **Ausrufen** der Störung in `#incidents`.\n2. **Zuweisen** von Incident-Lead und Kommunikation.\n3. **Eindämmen** zuerst, Ursache später.\n4. **Schuldfreies Post-Mortem** innerhalb von fünf Arbeitstagen.",
    },
  },
  {
    key: "productTour",
    name: "Product tour (video)",
    format: "video",
    entity: "cs",
    en: {
      title: "Product tour",
      body: "Fifteen minutes through Northwind Route: creating an order, planning a route, tracking a delivery and reading the retailer's dashboard.",
      mediaUrl: `${MEDIA}/product-tour-en.mp4`,
    },
    de: {
      title: "Produktrundgang",
      body: "Fünfzehn Minuten durch Northwind Route: einen Auftrag anlegen, eine Tour planen, eine Lieferung verfolgen und das Dashboard des Händlers lesen.",
      mediaUrl: `${MEDIA}/product-tour-de.mp4`,
    },
  },
  {
    key: "helpdesk",
    name: "Helpdesk quick start (video)",
    format: "video",
    entity: "cs",
    en: {
      title: "Helpdesk quick start",
      body: "How our helpdesk is organised: queues, views, macros, internal notes and the escalation button. Watch before you answer your first ticket.",
      mediaUrl: `${MEDIA}/helpdesk-quick-start-en.mp4`,
    },
    de: {
      title: "Schnellstart Helpdesk",
      body: "So ist unser Helpdesk aufgebaut: Warteschlangen, Ansichten, Makros, interne Notizen und die Eskalationsschaltfläche. Vor dem ersten Ticket ansehen.",
      mediaUrl: `${MEDIA}/helpdesk-quick-start-de.mp4`,
    },
  },
  {
    key: "toneOfVoice",
    name: "Tone of voice",
    format: "text",
    entity: "cs",
    en: {
      title: "Our tone of voice",
      body: "# Tone of voice\n\nWe sound like a **capable colleague**, not a call centre.\n\n- Use the customer's name and answer the question in the first sentence.\n- Say *we* when something is our fault, and say sorry once.\n- Promise only what you control: \"I'll update you by 3 pm\" beats \"soon\".\n- End with the next step, not with \"let me know if you have questions\".",
    },
    de: {
      title: "Unsere Tonalität",
      body: "# Tonalität\n\nWir klingen wie **kompetente Kolleginnen und Kollegen**, nicht wie ein Callcenter.\n\n- Sprich die Kundin mit Namen an und beantworte die Frage im ersten Satz.\n- Sag *wir*, wenn der Fehler bei uns liegt, und entschuldige dich einmal.\n- Versprich nur, was du in der Hand hast: „Ich melde mich bis 15 Uhr“ statt „bald“.\n- Schließe mit dem nächsten Schritt.",
    },
  },
];

import Link from "next/link";

const features = [
  { title: "Programs from templates", body: "Build onboarding programs from milestones, tasks and steps once; start them for every new hire in one click." },
  { title: "Checklists and guides", body: "Sequential and parallel checklists, guides in each employee's language, validation by a manager where it matters." },
  { title: "Exams graded on the server", body: "Quizzes with attempts and time limits, reviewed submissions, and results that cannot be tampered with." },
  { title: "Scores managers can act on", body: "Completion, help, timing, quality and technical scores per person, team and department, live." },
];

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-12 px-6 py-16">
      <header className="flex items-center justify-between">
        <span className="text-lg font-semibold tracking-tight">Groundwork</span>
        <nav className="flex gap-4 text-sm">
          <Link className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white" href="/status">
            System status
          </Link>
        </nav>
      </header>
      <section className="flex flex-col gap-4">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Onboarding that people finish.</h1>
        <p className="max-w-2xl text-lg text-slate-600 dark:text-slate-300">
          Groundwork turns your onboarding know-how into programs, checklists and exams, and shows every manager how their
          new colleagues are doing — as it happens.
        </p>
      </section>
      <section aria-label="What Groundwork does" className="grid gap-4 sm:grid-cols-2">
        {features.map((f) => (
          <article key={f.title} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
            <h2 className="font-semibold">{f.title}</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{f.body}</p>
          </article>
        ))}
      </section>
    </main>
  );
}

// The trail above a page's heading: one link back (a list page, the dashboard), or the path down to
// the page (project › milestone, task › step) as an ordered list.
import Link from "next/link";

export type Crumb = { href: string; label: string };

export function Breadcrumb({ label, trail }: { label: string; trail: readonly [Crumb, ...Crumb[]] }) {
  const [first] = trail;
  return (
    <nav aria-label={label} className="text-sm text-slate-600 dark:text-slate-400">
      {trail.length === 1 ? (
        <Link href={first.href} className="hover:underline">
          {first.label}
        </Link>
      ) : (
        <ol className="flex flex-wrap items-center gap-1">
          {trail.map((crumb, i) => (
            <li key={crumb.href} className={i === 0 ? undefined : "before:mx-1 before:content-['/']"}>
              <Link href={crumb.href} className="hover:underline">
                {crumb.label}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}

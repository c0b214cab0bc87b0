/**
 * How late one report is, by the same definition the tallies use (completeness.ts): first sent
 * after its due date, or still not sent once the due date has passed. Dates are Vietnam's
 * `YYYY-MM-DD`. `days` counts whole days past the due date (0 when on time).
 */
export function reportLateness(r: { dueDate: string; firstSubmittedOn: string | null }, today: string): { isLate: boolean; days: number } {
  const end = r.firstSubmittedOn ?? today;
  if (end <= r.dueDate) return { isLate: false, days: 0 };
  const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${r.dueDate}T00:00:00Z`)) / 86_400_000);
  return { isLate: true, days };
}

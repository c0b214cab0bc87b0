import { describe, expect, it } from 'vitest';
import { checkNewEvent, isReviewOverdue, isYoungOn, reviewDueDate, stateOf, type EventFact } from './membership-events';
import { checkCeremony, checkStep, missingSteps, type CandidateProgress } from './candidates';
import { daysBetween, periodBuckets } from './period-buckets';

const admitted: EventFact[] = [{ kind: 'admission', date: '2024-03-10' }];

describe('membership events', () => {
  it('refuses official before the admission, with the two dates', () => {
    expect(checkNewEvent(admitted, { kind: 'official', date: '2024-01-01' })).toBe(
      'Ngày chuyển đảng chính thức (01/01/2024) trước ngày kết nạp (10/03/2024).',
    );
  });
  it('refuses official before twelve months of probation, and allows it on the due day', () => {
    expect(checkNewEvent(admitted, { kind: 'official', date: '2025-03-09' })).toContain('Chưa hết 12 tháng dự bị');
    expect(checkNewEvent(admitted, { kind: 'official', date: '2025-03-10' })).toBeNull();
  });
  it('refuses official without an admission', () => {
    expect(checkNewEvent([], { kind: 'official', date: '2025-03-10' })).toContain('Chưa có quyết định kết nạp');
  });
  it('refuses a second open transfer and an out-of-order event', () => {
    const out: EventFact[] = [...admitted, { kind: 'transfer_out', date: '2024-06-01', transferMode: 'official' }];
    expect(checkNewEvent(out, { kind: 'transfer_out', date: '2024-07-01', transferMode: 'temporary' })).toContain('chưa được tiếp nhận');
    expect(checkNewEvent(out, { kind: 'transfer_in', date: '2024-05-01' })).toContain('không theo thứ tự thời gian');
    expect(checkNewEvent(out, { kind: 'transfer_in', date: '2024-06-05' })).toBeNull();
  });
  it('refuses a transfer in without an open transfer', () => {
    expect(checkNewEvent(admitted, { kind: 'transfer_in', date: '2024-06-05' })).toContain('Không có giấy chuyển');
  });
  it('refuses anything after death or removal, and a second admission', () => {
    expect(checkNewEvent([...admitted, { kind: 'death', date: '2024-05-01' }], { kind: 'exemption', date: '2024-06-01' })).toContain(
      'từ trần',
    );
    expect(checkNewEvent([...admitted, { kind: 'expulsion', date: '2024-05-01' }], { kind: 'official', date: '2025-06-01' })).toContain(
      'ra khỏi danh sách',
    );
    expect(checkNewEvent(admitted, { kind: 'admission', date: '2024-05-01' })).toContain('đã được kết nạp');
  });
  it('treats a member on the roll before the registry as official', () => {
    expect(checkNewEvent([], { kind: 'transfer_out', date: '2024-06-01', transferMode: 'official' })).toBeNull();
    expect(checkNewEvent([], { kind: 'removal', date: '2024-06-01' })).toBeNull();
  });
  it('reads the state as of a date', () => {
    const events: EventFact[] = [...admitted, { kind: 'official', date: '2025-03-12' }, { kind: 'resignation', date: '2025-08-01' }];
    expect(stateOf(events, '2024-03-09').standing).toBe('none');
    expect(stateOf(events, '2024-12-31').standing).toBe('probationary');
    expect(stateOf(events, '2025-03-12').standing).toBe('official');
    expect(stateOf(events).standing).toBe('left');
  });
  it('falls due twelve months after the admission; 29/02 falls due on 28/02', () => {
    expect(reviewDueDate('2024-03-10')).toBe('2025-03-10');
    expect(reviewDueDate('2024-02-29')).toBe('2025-02-28');
    expect(isReviewOverdue('2024-03-10', '2025-03-10')).toBe(false);
    expect(isReviewOverdue('2024-03-10', '2025-03-11')).toBe(true);
  });
  it('counts a member as young up to thirty on the day', () => {
    expect(isYoungOn('1994-03-10', '2024-03-10')).toBe(true);
    expect(isYoungOn('1993-03-09', '2024-03-10')).toBe(false);
    expect(isYoungOn(null, '2024-03-10')).toBe(false);
  });
});

describe('admission steps', () => {
  const empty: CandidateProgress = {
    courseDate: null,
    introductionDate: null,
    introducerIds: [],
    cellDecisionDate: null,
    committeeDecisionDate: null,
  };
  const done: CandidateProgress = {
    courseDate: '2024-01-10',
    introductionDate: '2024-02-01',
    introducerIds: [1, 2],
    cellDecisionDate: '2024-03-01',
    committeeDecisionDate: '2024-04-01',
  };
  it('requires the steps in order and dated after each other', () => {
    expect(checkStep(empty, 'cell_decision', '2024-03-01')).toBe('Chưa có bước "Lớp bồi dưỡng nhận thức về Đảng".');
    expect(checkStep({ ...empty, courseDate: '2024-01-10' }, 'introduction', '2024-01-01', [1, 2])).toContain('trước bước');
    expect(checkStep({ ...empty, courseDate: '2024-01-10' }, 'introduction', '2024-02-01', [1, 2])).toBeNull();
  });
  it('requires two different introducers', () => {
    expect(checkStep({ ...empty, courseDate: '2024-01-10' }, 'introduction', '2024-02-01', [1, 1])).toBe(
      'Cần hai đảng viên chính thức khác nhau giới thiệu.',
    );
    expect(checkCeremony({ ...done, introducerIds: [1] }, '2024-05-01')).toBe('Cần hai đảng viên chính thức khác nhau giới thiệu.');
  });
  it('allows the ceremony only after every step', () => {
    expect(missingSteps(done)).toEqual([]);
    expect(checkCeremony(done, '2024-05-01')).toBeNull();
    expect(checkCeremony(done, '2024-03-15')).toContain('trước quyết định');
    expect(checkCeremony({ ...done, cellDecisionDate: null }, '2024-05-01')).toContain('Chưa đủ các bước');
  });
});

describe('period buckets', () => {
  it('reads a term as whole years', () => {
    expect(periodBuckets('2021-01-01', '2025-12-31')).toEqual({
      years: ['2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01'],
      months: [],
      days: [],
    });
  });
  it('reads a quarter as months and an odd period with its edge days', () => {
    expect(periodBuckets('2024-04-01', '2024-06-30')).toEqual({ years: [], months: ['2024-04-01', '2024-05-01', '2024-06-01'], days: [] });
    expect(periodBuckets('2024-12-15', '2026-02-10')).toEqual({
      years: ['2025-01-01'],
      months: ['2026-01-01'],
      days: [
        ['2024-12-15', '2024-12-31'],
        ['2026-02-01', '2026-02-10'],
      ],
    });
  });
  it('covers every day once (checked day by day over a leap year)', () => {
    const b = periodBuckets('2023-11-20', '2024-03-05');
    const days = new Set<string>();
    const add = (from: string, to: string) => {
      for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
        const s = d.toISOString().slice(0, 10);
        expect(days.has(s)).toBe(false);
        days.add(s);
      }
    };
    for (const m of b.months) add(m, new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10));
    for (const [f, t] of b.days) add(f, t);
    expect(days.size).toBe(107);
  });
  it('is empty when from is after to', () => {
    expect(periodBuckets('2024-02-01', '2024-01-01')).toEqual({ years: [], months: [], days: [] });
  });
  it('lists the edge days one by one, across a month and a leap day', () => {
    expect(daysBetween('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(daysBetween('2024-03-02', '2024-03-01')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { openTermSchema } from '../../../contracts/terms';
import { buildOpenTermBody, type OpenTermValues } from './open-term-form';

const values = (over: Partial<OpenTermValues> = {}): OpenTermValues => ({
  startYear: 2025,
  endYear: 2030,
  startDate: '2025-08-22',
  previousEndDate: '2025-06-30',
  withCongress: true,
  ordinal: 1,
  congressStart: '2025-08-21',
  congressEnd: '2025-08-22',
  delegates: 210,
  mode: 'hybrid',
  bridgePoints: ['Hội trường phường', ' Khu phố 1 ', '', 'Khu phố 2'],
  resolutionDocumentId: 12,
  ...over,
});

describe('buildOpenTermBody', () => {
  it('sends the congress of a ward, lần thứ I, as the API reads it', () => {
    const body = buildOpenTermBody(values());
    expect(openTermSchema.parse(body)).toEqual({
      startYear: 2025,
      endYear: 2030,
      startDate: '2025-08-22',
      previousEndDate: '2025-06-30',
      congress: {
        ordinal: 1,
        startDate: '2025-08-21',
        endDate: '2025-08-22',
        delegates: 210,
        mode: 'hybrid',
        bridgePoints: ['Hội trường phường', 'Khu phố 1', 'Khu phố 2'],
        resolutionDocumentId: 12,
      },
    });
  });

  it('leaves the congress out when it is not recorded', () => {
    expect(buildOpenTermBody(values({ withCongress: false })).congress).toBeNull();
  });

  it('drops bridge points of a congress held in person (the server refuses them)', () => {
    expect(buildOpenTermBody(values({ mode: 'in_person' })).congress?.bridgePoints).toEqual([]);
  });

  it('takes a one-day congress as ending on its first day', () => {
    expect(buildOpenTermBody(values({ congressEnd: null })).congress?.endDate).toBe('2025-08-21');
  });
});

import { describe, expect, it } from 'vitest';
import { committeeRoleLabels, committeeRoles, orgKindLabels, orgKinds, positionLabels, positions } from './org-kinds';

describe('org kind labels', () => {
  it.each([
    ['org kinds', orgKinds, orgKindLabels],
    ['committee roles', committeeRoles, committeeRoleLabels],
    ['positions', positions, positionLabels],
  ] as const)('label every one of the %s in Vietnamese and English', (_, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const label of Object.values(labels)) {
      expect(label.vi.trim()).not.toBe('');
      expect(label.en.trim()).not.toBe('');
      expect(label.vi).toBe(label.vi.normalize('NFC'));
    }
  });
});

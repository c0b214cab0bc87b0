import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule of eslint.config.js that keeps each feature's insides its own, run on fixtures.
const eslint = new ESLint();
const boundaryErrors = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');

describe('feature boundaries', () => {
  it('fails lint on an import of another feature’s internals', async () => {
    const errors = await boundaryErrors(
      'src/server/features/reports/fixture.ts',
      "import { findOrgInScope } from '../orgs/orgs.queries';\nexport const f = findOrgInScope;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/through its index\.ts/);
  });

  it('fails lint on the same import from a feature’s subfolder', async () => {
    const errors = await boundaryErrors(
      'src/server/features/study/sessions/fixture.ts',
      "import { queueMail } from '../../mail/mail-outbox.service';\nexport const f = queueMail;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('accepts another feature’s index, the feature’s own files and shared code', async () => {
    const code = [
      "import { findOrgInScope } from '../../orgs';",
      "import { queueMail } from '../../mail/index';",
      "import { getQrSecret } from '../checkin/qr-secret';",
      "import { scopeOf } from '../../../lib/actor';",
      "import type { FeatureOptions } from '../../index';",
      'export const all: unknown[] = [findOrgInScope, queueMail, getQrSecret, scopeOf];',
      'export type F = FeatureOptions;',
    ].join('\n');
    expect(await boundaryErrors('src/server/features/study/sessions/fixture.ts', `${code}\n`)).toEqual([]);
  });
});

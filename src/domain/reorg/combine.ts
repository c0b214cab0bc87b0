/**
 * Carrying figures across a merge: the successor's figure of a period before the merge is
 * recombined from its predecessors' figures ("số liệu quy đổi theo địa giới mới").
 * Absolute figures add; rates add numerators and denominators and divide (never an average of
 * percents: a 10-member cell would weigh as much as a 1,000-member province); a figure that
 * cannot be recombined says why.
 */
export type CombinableAggregation = 'sum' | 'rate' | 'average' | 'none';

export type PredecessorFigure = {
  orgId: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

export type CombinedFigure =
  | { combinable: true; value: number | null; numerator: number | null; denominator: number | null; parts: number }
  | { combinable: false; reason: string; reasonEn: string };

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Why a subtree's rate is not shown when one of its orgs reported the percent alone. */
export const RATE_WITHOUT_PARTS = {
  vi: 'Không cộng gộp được: có tổ chức báo cáo tỷ lệ không kèm tử số và mẫu số, không thể tính tỷ lệ chung (không lấy trung bình các tỷ lệ).',
  en: 'Not combinable: an org reported the rate without its numerator and denominator; percents are never averaged.',
} as const;

/**
 * The successor's figure from its predecessors' figures of one indicator and period.
 * Predecessors without a figure are left out (a merge of a reporting and a silent org sums what
 * was reported); the result counts the parts it used.
 */
export function combineFigures(aggregation: CombinableAggregation, figures: readonly PredecessorFigure[]): CombinedFigure {
  const present = figures.filter((f) => f.value !== null || f.numerator !== null || f.denominator !== null);
  switch (aggregation) {
    case 'sum': {
      if (present.length === 0) return { combinable: true, value: null, numerator: null, denominator: null, parts: 0 };
      return {
        combinable: true,
        value: present.reduce((s, f) => s + (f.value ?? 0), 0),
        numerator: null,
        denominator: null,
        parts: present.length,
      };
    }
    case 'rate': {
      const withoutParts = present.filter((f) => f.numerator === null || f.denominator === null);
      if (withoutParts.length > 0) {
        return {
          combinable: false,
          reason: RATE_WITHOUT_PARTS.vi,
          reasonEn: RATE_WITHOUT_PARTS.en,
        };
      }
      if (present.length === 0) return { combinable: true, value: null, numerator: null, denominator: null, parts: 0 };
      const numerator = present.reduce((s, f) => s + (f.numerator ?? 0), 0);
      const denominator = present.reduce((s, f) => s + (f.denominator ?? 0), 0);
      return {
        combinable: true,
        value: denominator > 0 ? round2((numerator / denominator) * 100) : null,
        numerator,
        denominator,
        parts: present.length,
      };
    }
    case 'average':
      return {
        combinable: false,
        reason: 'Không cộng gộp được: chỉ số bình quân cần quy mô của từng tổ chức cũ để tính lại.',
        reasonEn: 'Not combinable: an average needs each predecessor’s weight.',
      };
    case 'none':
      return {
        combinable: false,
        reason: 'Không cộng gộp được: chỉ số này không tổng hợp theo cây tổ chức.',
        reasonEn: 'Not combinable: this indicator does not aggregate over the tree.',
      };
  }
}

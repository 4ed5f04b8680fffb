/**
 * Collects the records of a file while it streams, following a column plan: feature cells go
 * into one growing row-major Float32Array (NaN where missing), time cells into a Float64Array,
 * label cells into small codes. No record is kept, so memory stays near the size of the
 * numbers themselves. Every bad cell stops the read with a PostError naming line and column.
 *
 * Called by readSeries.ts for each record that csv-parse hands over.
 */
import { ColumnPlan } from './columnPlan';
import { inputError, quoteCell } from './inputError';
import { LabelCodes } from './labelValues';
import { isMissing, looksNumeric, parseNumber } from './numberFormat';
import { parseDate } from './timeParse';

export interface SinkResult {
  rows: number;
  /** Row-major features (`rows` × features), NaN where a cell was missing. */
  values: Float32Array;
  /** Raw time per row: epoch ms for text dates, the number as written for numeric times. */
  times?: Float64Array;
  /** A code per row, and the values behind the codes. */
  labelCodes?: Uint8Array;
  labelValues?: LabelCodes;
}

/** A typed array at least `needed` long, grown by half when it must grow. */
function ensure<T extends Float32Array | Float64Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const Ctor = array.constructor as new (length: number) => T;
  const next = new Ctor(Math.max(needed, Math.ceil(array.length * 1.5) + 64));
  next.set(array);
  return next;
}

export class RowSink {
  private rows = 0;
  private headerPending: boolean;
  private readonly hasHeader: boolean;
  private readonly width: number;
  private readonly featureCount: number;
  private values: Float32Array;
  private times?: Float64Array;
  private lastTime = -Infinity;
  private lastTimeLine = 0;
  private labelCodes?: Uint8Array;
  private readonly labelValues?: LabelCodes;

  constructor(
    private readonly file: string,
    private readonly plan: ColumnPlan,
    hasHeader: boolean,
    capacityRows: number,
  ) {
    this.headerPending = hasHeader;
    this.hasHeader = hasHeader;
    this.width = plan.names.length;
    this.featureCount = plan.features.length;
    this.values = new Float32Array(capacityRows * this.featureCount);
    if (plan.time !== undefined) this.times = new Float64Array(capacityRows);
    if (plan.label !== undefined) {
      this.labelCodes = new Uint8Array(capacityRows);
      this.labelValues = new LabelCodes(file, plan.names[plan.label]);
    }
  }

  /** Takes one record; `line` is its 1-based line in the file. */
  add(fields: string[], line: number): void {
    if (this.headerPending) {
      this.headerPending = false;
      return;
    }
    this.checkWidth(fields, line);

    const t = this.rows;
    const F = this.featureCount;
    this.values = ensure(this.values, (t + 1) * F);
    const features = this.plan.features;
    for (let k = 0; k < F; k++) {
      this.values[t * F + k] = this.featureValue(fields[features[k]], line, features[k]);
    }
    if (this.plan.time !== undefined) this.addTime(fields[this.plan.time.column], line);
    if (this.plan.label !== undefined) this.addLabel(fields[this.plan.label], line);
    this.rows++;
  }

  finish(): SinkResult {
    const n = this.rows;
    const used = n * this.featureCount;
    // A buffer that grew past need is copied to its size once, to give the slack back.
    const slack = this.values.length > used * 1.25 + 1024;
    return {
      rows: n,
      values: slack ? this.values.slice(0, used) : this.values.subarray(0, used),
      times: this.times?.subarray(0, n),
      labelCodes: this.labelCodes?.subarray(0, n),
      labelValues: this.labelValues,
    };
  }

  private checkWidth(fields: string[], line: number): void {
    if (fields.length === this.width) return;
    // A delimiter at the end of every data row (`1,2,3,`) adds one empty field: harmless.
    if (fields.length === this.width + 1 && fields[this.width].trim() === '') {
      fields.pop();
      return;
    }
    const reference = this.hasHeader ? 'the header' : 'the first row';
    throw inputError(
      this.file,
      `this row has ${fields.length} fields but ${reference} has ${this.width}. ` +
        'Every row needs one value per column (an empty field for a missing value); fix this row.',
      { line },
    );
  }

  private featureValue(cell: string, line: number, column: number): number {
    const value = parseNumber(cell, this.plan.format);
    if (value === undefined) throw this.badNumber(cell, line, column);
    if (value !== value) return NaN;
    if (value === Infinity || value === -Infinity) {
      throw inputError(
        this.file,
        `${quoteCell(cell)} is infinite or too large to store (beyond ±3.4e38). ` +
          'Fix the value, or leave the cell empty to treat it as missing.',
        { line, column: this.plan.names[column] },
      );
    }
    return value;
  }

  private badNumber(cell: string, line: number, column: number): Error {
    const place = { line, column: this.plan.names[column] };
    if (looksNumeric(cell)) {
      const decimal = this.plan.format.decimal === ',' ? 'a decimal comma' : 'a decimal point';
      return inputError(
        this.file,
        `${quoteCell(cell)} is written in another number format than the rest of the file ` +
          `(read with ${decimal}). Write every number the same way.`,
        place,
      );
    }
    return inputError(
      this.file,
      `${quoteCell(cell)} is not a number, but this column holds numbers. ` +
        'Fix the cell, or leave it empty to treat it as missing.',
      place,
    );
  }

  private addTime(cell: string, line: number): void {
    const { column, layout } = this.plan.time!;
    const name = this.plan.names[column];
    if (isMissing(cell)) {
      throw inputError(this.file, 'the time is missing. Fill it in, or choose no time column.', {
        line,
        column: name,
      });
    }
    const numeric = layout === 'number';
    const value = numeric ? parseNumber(cell, this.plan.format) : parseDate(cell, layout);
    if (value === undefined || !Number.isFinite(value)) {
      const shape = `${numeric ? 'a number' : 'a date'} like the rows before`;
      throw inputError(this.file, `${quoteCell(cell)} is not ${shape}. Fix the cell.`, {
        line,
        column: name,
      });
    }
    // Rows out of time order are refused, not sorted: sorting would silently break the match
    // with row labels kept in a separate file and with the line numbers in messages.
    if (value < this.lastTime) {
      throw inputError(
        this.file,
        `the time goes back (${quoteCell(cell)} comes after the time at line ` +
          `${this.lastTimeLine}). Sort the file by '${name}', or choose no time column.`,
        { line, column: name },
      );
    }
    this.lastTime = value;
    this.lastTimeLine = line;
    this.times = ensure(this.times!, this.rows + 1);
    this.times[this.rows] = value;
  }

  private addLabel(cell: string, line: number): void {
    const code = this.labelValues!.codeOf(cell, line);
    this.labelCodes = ensure(this.labelCodes!, this.rows + 1);
    this.labelCodes[this.rows] = code;
  }
}

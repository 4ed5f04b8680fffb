/**
 * The channel chooser above the channels plot: one toolkit checkbox per channel, strongest
 * contributors first, and the "Normalised" toggle. Reports every change to main.ts.
 */
import { MAX_REQUESTED_CHANNELS } from '../src/protocol';

interface CheckboxElement extends HTMLElement {
  checked: boolean;
}

export class ChannelPicker {
  private selected: number[] = [];

  constructor(
    private readonly onChange: (selected: number[]) => void,
    onNormalised: (normalised: boolean) => void,
  ) {
    const toggle = document.getElementById('normalised-toggle') as CheckboxElement;
    toggle.addEventListener('change', () => onNormalised(toggle.checked));
  }

  get channels(): number[] {
    return [...this.selected];
  }

  setNormalised(normalised: boolean): void {
    (document.getElementById('normalised-toggle') as CheckboxElement).checked = normalised;
  }

  /** Rebuilds the list for a new results folder. */
  show(names: string[], order: number[], selected: number[]): void {
    this.selected = selected.filter((c) => c < names.length);
    const container = document.getElementById('channel-picker') as HTMLElement;
    container.replaceChildren(
      ...order.map((channel) => {
        const box = document.createElement('vscode-checkbox') as CheckboxElement;
        box.textContent = names[channel];
        box.checked = this.selected.includes(channel);
        box.addEventListener('change', () => this.toggle(channel, box));
        return box;
      }),
    );
  }

  private toggle(channel: number, box: CheckboxElement): void {
    const on = box.checked;
    if (on === this.selected.includes(channel)) return;
    if (on && this.selected.length >= MAX_REQUESTED_CHANNELS) {
      box.checked = false;
      return;
    }
    this.selected = on ? [...this.selected, channel] : this.selected.filter((c) => c !== channel);
    this.onChange(this.channels);
  }
}

import * as vscode from 'vscode';

export interface InputStep {
  key: string;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  optional?: boolean;
  value?: string;
  validate?: (value: string) => string | undefined;
}

/** The input box on screen right now; tests drive the real box through it. */
let activeBox: vscode.InputBox | undefined;
export function activeInputBox(): vscode.InputBox | undefined {
  return activeBox;
}

/**
 * Asks each step in turn in one input box with a step counter and a Back button. Resolves with every answer, or
 * undefined when the user cancels.
 */
export async function askSteps(title: string, steps: readonly InputStep[]): Promise<Record<string, string> | undefined> {
  const answers: Record<string, string> = {};
  for (let i = 0; i < steps.length; ) {
    const step = steps[i]!;
    const result = await askOne(title, step, i + 1, steps.length, answers[step.key] ?? step.value ?? '');
    if (result === undefined) return undefined;
    if (result === 'back') {
      i = Math.max(0, i - 1);
      continue;
    }
    answers[step.key] = result.value;
    i++;
  }
  return answers;
}

function askOne(title: string, step: InputStep, index: number, total: number, value: string): Promise<{ value: string } | 'back' | undefined> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.step = index;
  box.totalSteps = total;
  box.prompt = step.prompt;
  box.placeholder = step.placeholder ?? '';
  box.password = step.password === true;
  box.ignoreFocusOut = true;
  box.value = value;
  box.buttons = index > 1 ? [vscode.QuickInputButtons.Back] : [];
  const check = (v: string): string | undefined => {
    if (!v.trim() && !step.optional) return 'Required.';
    return v.trim() ? step.validate?.(v.trim()) : undefined;
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: { value: string } | 'back' | undefined): void => {
      if (settled) return;
      settled = true;
      for (const d of subscriptions) d.dispose();
      box.dispose();
      if (activeBox === box) activeBox = undefined;
      resolve(result);
    };
    const subscriptions = [
      box.onDidChangeValue((v) => {
        box.validationMessage = v ? check(v) : undefined;
      }),
      box.onDidAccept(() => {
        const problem = check(box.value);
        if (problem) box.validationMessage = problem;
        else finish({ value: box.value.trim() });
      }),
      box.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish('back');
      }),
      box.onDidHide(() => finish(undefined)),
    ];
    activeBox = box;
    box.show();
  });
}

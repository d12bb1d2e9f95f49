import {createInterface} from 'node:readline';

export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/**
 * Asks `question [y/N]` and resolves true only for y or yes. Enter, any other answer, Ctrl+C and
 * Ctrl+D (end of input) all mean no: the default of a question before deleting is to keep.
 */
export function askYesNo(question: string, io: PromptIo): Promise<boolean> {
  return new Promise((resolve) => {
    const prompt = createInterface({input: io.input, output: io.output});
    let answered = false;
    prompt.on('SIGINT', () => prompt.close());
    prompt.on('close', () => {
      if (answered) return;
      io.output.write('\n');
      resolve(false);
    });
    prompt.question(`${question} [y/N] `, (answer) => {
      answered = true;
      prompt.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

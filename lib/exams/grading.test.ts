// The grading rules, without a database: each question kind, points and the pass mark, unanswered
// questions, answers that do not fit, the question order and the attempt's time states.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quizStep as quizSchema } from "../templates/process-definition";
import { answerIssues, attemptState, gradeQuiz, isAnswerCorrect, minutesBetween, type QuizDefinition, questionOrder, SUBMIT_GRACE_SECONDS } from "./grading";
import { markerQuiz, rightAnswers, wrongAnswers } from "./test-fixtures";

const parse = (input: unknown): QuizDefinition => quizSchema.parse(input);

function fixture(passMark = 0.75) {
  const { definition, key } = markerQuiz({ passMark });
  return { quiz: parse(definition), key };
}

const question = (quiz: QuizDefinition, id: string) => {
  const q = quiz.questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
};

describe("single choice", () => {
  it("is right only with the correct choice id", () => {
    const { quiz } = fixture();
    expect(isAnswerCorrect(question(quiz, "q1"), "a")).toBe(true);
    expect(isAnswerCorrect(question(quiz, "q1"), "b")).toBe(false);
    expect(isAnswerCorrect(question(quiz, "q1"), ["a"])).toBe(false);
    expect(isAnswerCorrect(question(quiz, "q1"), undefined)).toBe(false);
  });
});

describe("multiple choice", () => {
  it("is right only with exactly the correct set, in any order", () => {
    const { quiz } = fixture();
    const q2 = question(quiz, "q2");
    expect(isAnswerCorrect(q2, ["x", "z"])).toBe(true);
    expect(isAnswerCorrect(q2, ["z", "x"])).toBe(true);
    expect(isAnswerCorrect(q2, ["x"])).toBe(false);
    expect(isAnswerCorrect(q2, ["x", "y", "z"])).toBe(false);
    expect(isAnswerCorrect(q2, [])).toBe(false);
    expect(isAnswerCorrect(q2, "x")).toBe(false);
  });

  it("any subset of the choices other than the correct set is wrong (property)", () => {
    const { quiz } = fixture();
    const q2 = question(quiz, "q2");
    fc.assert(
      fc.property(fc.subarray(["x", "y", "z"]), (chosen) => {
        const isExact = chosen.length === 2 && chosen.includes("x") && chosen.includes("z");
        expect(isAnswerCorrect(q2, chosen)).toBe(isExact);
      }),
    );
  });
});

describe("short answer", () => {
  it("accepts any accepted answer, trimmed, ignoring case unless case_sensitive", () => {
    const { quiz, key } = fixture();
    const q3 = question(quiz, "q3");
    expect(isAnswerCorrect(q3, key.acceptedAnswer)).toBe(true);
    expect(isAnswerCorrect(q3, `  ${key.otherAccepted.toLowerCase()}\n`)).toBe(true);
    expect(isAnswerCorrect(q3, "Porto")).toBe(false);
    expect(isAnswerCorrect(q3, "")).toBe(false);
    expect(isAnswerCorrect(q3, ["Lisbon"])).toBe(false);

    const sensitive = parse({ ...markerQuiz().definition, questions: [{ ...q3, case_sensitive: true }] });
    const q = question(sensitive, "q3");
    expect(isAnswerCorrect(q, ` ${key.acceptedAnswer} `)).toBe(true);
    expect(isAnswerCorrect(q, key.acceptedAnswer.toUpperCase())).toBe(false);
  });

  it("case-insensitive matching holds for any casing and surrounding whitespace (property)", () => {
    const { quiz, key } = fixture();
    const q3 = question(quiz, "q3");
    const padding = fc.stringMatching(/^[ \t\n]{0,3}$/);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: key.acceptedAnswer.length, maxLength: key.acceptedAnswer.length }), padding, padding, (upper, left, right) => {
        const cased = Array.from(key.acceptedAnswer, (c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join("");
        expect(isAnswerCorrect(q3, `${left}${cased}${right}`)).toBe(true);
      }),
    );
  });
});

describe("gradeQuiz", () => {
  it("weighs questions by points and passes at the pass mark", () => {
    const { quiz, key } = fixture(0.75);
    const all = gradeQuiz(quiz, rightAnswers(key));
    expect(all).toMatchObject({ correct_answers: 3, total_questions: 3, points: 4, max_score: 4, score: 1, passed: true });
    expect(all.per_question).toEqual([
      { id: "q1", correct: true, points: 1 },
      { id: "q2", correct: true, points: 2 },
      { id: "q3", correct: true, points: 1 },
    ]);
    // q2 (2 of 4 points) wrong: 0.5 < 0.75 fails; q3 (1 point) wrong: exactly 0.75 passes.
    expect(gradeQuiz(quiz, { ...rightAnswers(key), q2: ["x"] })).toMatchObject({ correct_answers: 2, points: 2, score: 0.5, passed: false });
    expect(gradeQuiz(quiz, { ...rightAnswers(key), q3: "Porto" })).toMatchObject({ correct_answers: 2, points: 3, score: 0.75, passed: true });
    expect(gradeQuiz(quiz, wrongAnswers)).toMatchObject({ correct_answers: 0, points: 0, score: 0, passed: false });
  });

  it("counts a question left unanswered as wrong", () => {
    const { quiz } = fixture();
    const grade = gradeQuiz(quiz, { q1: "a" });
    expect(grade).toMatchObject({ correct_answers: 1, total_questions: 3, score: 0.25, passed: false });
    expect(grade.per_question.filter((q) => !q.correct).map((q) => q.id)).toEqual(["q2", "q3"]);
    expect(gradeQuiz(quiz, {})).toMatchObject({ correct_answers: 0, score: 0 });
  });

  it("passes at a share equal to the pass mark despite float sums of fractional points", () => {
    const quiz = parse({
      type: "quiz",
      pass_mark: 0.3,
      questions: [
        { id: "a", kind: "short", prompt: "?", points: 0.1, accepted_answers: ["x"] },
        { id: "b", kind: "short", prompt: "?", points: 0.2, accepted_answers: ["x"] },
        { id: "c", kind: "short", prompt: "?", points: 0.7, accepted_answers: ["x"] },
      ],
    });
    expect(gradeQuiz(quiz, { a: "x", b: "x" })).toMatchObject({ score: 0.3, passed: true });
    expect(gradeQuiz(quiz, { b: "x" })).toMatchObject({ score: 0.2, passed: false });
  });

  it("score is the share of points earned, within 0..1, and passed follows the pass mark (property)", () => {
    const { quiz, key } = fixture();
    const right = rightAnswers(key);
    const pick = fc.record({ q1: fc.boolean(), q2: fc.boolean(), q3: fc.boolean() });
    fc.assert(
      fc.property(pick, fc.double({ min: 0, max: 1, noNaN: true }), (correct, passMark) => {
        const answers = {
          ...(correct.q1 ? { q1: right.q1 } : { q1: wrongAnswers.q1 }),
          ...(correct.q2 ? { q2: right.q2 } : {}),
          ...(correct.q3 ? { q3: right.q3 } : { q3: wrongAnswers.q3 }),
        };
        const grade = gradeQuiz({ ...quiz, pass_mark: passMark }, answers);
        const points = (correct.q1 ? 1 : 0) + (correct.q2 ? 2 : 0) + (correct.q3 ? 1 : 0);
        expect(grade.points).toBe(points);
        expect(grade.score).toBeCloseTo(points / 4, 4);
        expect(grade.score).toBeGreaterThanOrEqual(0);
        expect(grade.score).toBeLessThanOrEqual(1);
        expect(grade.passed).toBe(points / 4 + 1e-9 >= passMark);
        expect(grade.correct_answers).toBe(Object.values(correct).filter(Boolean).length);
      }),
    );
  });
});

describe("answerIssues", () => {
  it("names unknown questions, foreign choices, wrong shapes and repeated choices", () => {
    const { quiz } = fixture();
    expect(answerIssues(quiz, { q1: "a", q2: ["x"], q3: "text" })).toEqual([]);
    const issues = answerIssues(quiz, { q9: "a", q1: "c", q2: ["x", "x"], q3: ["a"] });
    expect(issues.map((i) => i.path)).toEqual(["answers.q9", "answers.q1", "answers.q2", "answers.q3"]);
    expect(answerIssues(quiz, { q2: "x" }).map((i) => i.path)).toEqual(["answers.q2"]);
  });

  it("accepts null (clear) only when saving", () => {
    const { quiz } = fixture();
    expect(answerIssues(quiz, { q1: null }, true)).toEqual([]);
    expect(answerIssues(quiz, { q1: null })).toHaveLength(1);
  });
});

describe("questionOrder", () => {
  it("keeps the defined order without shuffle and shuffles into a permutation with it", () => {
    const { quiz } = fixture();
    expect(questionOrder(quiz)).toEqual(["q1", "q2", "q3"]);
    // A random source that always picks index 0 turns [q1, q2, q3] into [q2, q3, q1].
    expect(questionOrder({ ...quiz, shuffle: true }, () => 0)).toEqual(["q2", "q3", "q1"]);
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), (stream) => {
        const order = questionOrder({ ...quiz, shuffle: true }, (max) => (stream.next().value as number) % max);
        expect([...order].sort()).toEqual(["q1", "q2", "q3"]);
      }),
    );
  });
});

describe("attemptState", () => {
  const startedAt = new Date("2030-01-07T09:00:00Z");
  const deadlineAt = new Date("2030-01-07T09:10:00Z");
  const at = (seconds: number) => new Date(deadlineAt.getTime() + seconds * 1000);

  it("is open until the deadline plus the grace period, then expired; submitted wins", () => {
    expect(attemptState({ startedAt, deadlineAt, submittedAt: null }, at(-60))).toBe("open");
    expect(attemptState({ startedAt, deadlineAt, submittedAt: null }, at(SUBMIT_GRACE_SECONDS))).toBe("open");
    expect(attemptState({ startedAt, deadlineAt, submittedAt: null }, at(SUBMIT_GRACE_SECONDS + 1))).toBe("expired");
    expect(attemptState({ startedAt, deadlineAt: null, submittedAt: null }, at(86_400))).toBe("open");
    expect(attemptState({ startedAt, deadlineAt, submittedAt: at(-1) }, at(3_600))).toBe("submitted");
  });

  it("measures minutes to two decimals", () => {
    expect(minutesBetween(startedAt, new Date(startedAt.getTime() + 90_500))).toBe(1.51);
    expect(minutesBetween(startedAt, startedAt)).toBe(0);
  });
});

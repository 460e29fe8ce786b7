"use client";
// An open attempt's answers in the browser: what the person has chosen or typed (the source of
// truth while they work) and, per question, whether it is saved on the server yet.
import { useEffect, useRef, useState } from "react";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import type { AttemptDto } from "@/lib/exams/dto";
import { AnswerSaver, type AnswerValue, type SaverSnapshot } from "./answer-saver";

/** Typing is saved after this pause; choices are saved at once. */
const TYPING_PAUSE_MS = 800;

export function useAttemptAnswers(attempt: AttemptDto, onClosed: (problem: ApiProblem) => void) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(attempt.answers);
  const closedRef = useRef(onClosed);
  useEffect(() => {
    closedRef.current = onClosed;
  });
  const [snapshot, setSnapshot] = useState<SaverSnapshot>(() => ({
    states: Object.fromEntries(Object.keys(attempt.answers).map((id) => [id, "saved" as const])),
    problem: null,
    closed: false,
  }));
  const saverRef = useRef<AnswerSaver | null>(null);
  const { id } = attempt;
  // One saver per attempt: a later read of the same attempt must not reset the version it tracks.
  const start = useRef({ version: attempt.version, savedIds: Object.keys(attempt.answers) });
  useEffect(() => {
    const saver = new AnswerSaver(start.current.version, start.current.savedIds, {
      save: (changes, at) => apiFetch<AttemptDto>(`/api/exam-attempts/${id}`, { method: "PATCH", body: { answers: changes, version: at } }),
      read: () => apiFetch<AttemptDto>(`/api/exam-attempts/${id}`),
      setTimeout: (run, ms) => window.setTimeout(run, ms),
      clearTimeout: (timer) => window.clearTimeout(timer as number),
      onChange: setSnapshot,
      onClosed: (problem) => closedRef.current(problem),
    });
    saverRef.current = saver;
    return () => saver.close();
  }, [id]);

  function answer(questionId: string, value: AnswerValue, typing = false) {
    setAnswers((current) => ({ ...current, [questionId]: value }));
    saverRef.current?.change(questionId, value, typing ? TYPING_PAUSE_MS : 0);
  }

  /** Every answer given, for the submit (which saves them with the grading). */
  function finalAnswers(): Record<string, AnswerValue> {
    return Object.fromEntries(Object.entries(answers).filter(([, value]) => (Array.isArray(value) ? value.length > 0 : value.trim() !== "")));
  }

  return { answers, answer, commit: (questionId: string) => saverRef.current?.commit(questionId), snapshot, finalAnswers, retry: () => saverRef.current?.retryNow(), stopSaving: () => saverRef.current?.close(), resumeSaving: () => saverRef.current?.reopen() };
}

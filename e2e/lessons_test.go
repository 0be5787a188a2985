package e2e

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLessonsWalkToCompletion follows every lesson as a learner would, each in
// a fresh page: click each command button of a step, press Enter, press
// Check, until the lesson says it is done.
func TestLessonsWalkToCompletion(t *testing.T) {
	ctx := newPage(t)
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`fetch("lessons.json").then(r => r.json()).then(ls => ls.map(l => l.id))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	require.NotEmpty(t, ids, "lessons.json lists no lessons")
	waitLessons(t, ctx)
	listed := eval[[]string](t, ctx, `[...document.querySelectorAll(".lesson-link")].map(b => b.dataset.lesson)`)
	assert.Equal(t, ids, listed, "the lesson list shows every lesson, in order")

	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			walkLesson(t, newPage(t), id)
		})
	}
}

func waitLessons(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("lessons").dataset.ready === "true"`,
		chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the lesson pane never became ready")
}

func walkLesson(t *testing.T, ctx context.Context, id string) {
	waitLessons(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.lesson-link[data-lesson="`+id+`"]`))))
	steps := eval[int](t, ctx, `document.querySelectorAll(".step-dot").length`)
	require.Positive(t, steps)

	for step := 1; step <= steps; step++ {
		current := eval[string](t, ctx, `document.querySelector('.step-dot[aria-current="step"]').textContent`)
		require.Equal(t, strconv.Itoa(step), current, "the lesson shows step %d", step)

		n := eval[int](t, ctx, `(() => {
			const cmds = document.querySelectorAll(".step-content .lesson-cmd");
			cmds.forEach((b, i) => b.dataset.e2e = String(i));
			return cmds.length;
		})()`)
		for i := range n {
			sel := chromedp.CSS(`.step-content .lesson-cmd[data-e2e="` + strconv.Itoa(i) + `"]`)
			want := eval[string](t, ctx, `document.querySelector('.step-content .lesson-cmd[data-e2e="`+strconv.Itoa(i)+`"]').dataset.cmd`)
			require.NoError(t, chromedp.Do(ctx, chromedp.Click(sel)))
			value, err := chromedp.Run(ctx, chromedp.Value(input))
			require.NoError(t, err)
			require.Equal(t, want, value, "clicking a command pastes it into the terminal")
			before := eval[int](t, ctx, entriesExpr)
			require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(input, kb.Enter)))
			lastReply(t, ctx, before)
		}

		button := `.lesson-check`
		if eval[bool](t, ctx, `!document.querySelector(".lesson-check")`) {
			button = `.lesson-next`
		}
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(button))))
		if failed := eval[string](t, ctx, `document.querySelector(".lesson-status.is-fail")?.textContent ?? ""`); failed != "" {
			t.Fatalf("step %d did not pass its check: %s", step, failed)
		}
	}
	done := eval[string](t, ctx, `document.querySelector(".lesson-complete")?.dataset.lesson ?? ""`)
	assert.Equal(t, id, done, "the lesson says it is complete")

	// Progress survives a reload: the list marks the lesson done.
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReady(t, ctx)
	waitLessons(t, ctx)
	if eval[bool](t, ctx, `!!document.querySelector(".lesson-back")`) {
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".lesson-back"))))
	}
	isDone := eval[bool](t, ctx, `document.querySelector('.lesson-link[data-lesson="`+id+`"]').classList.contains("is-done")`)
	assert.True(t, isDone, "the lesson list remembers the lesson is done")
}

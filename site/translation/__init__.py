"""Translation workflows (issue 3): OpenCC machine translation, translator group, review, report, demo."""

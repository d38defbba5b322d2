# platforms.mk - the course platforms beside Gradescope (mk/labs.mk): GitHub Classroom
# and PrairieLearn. README.md (Instructors) says what each can and cannot guarantee.

.PHONY: grade-one classroom prairielearn
grade-one: $(DEPS_STAMP) ## Grade test TEST of lab LAB alone (with what it needs): exit 0 only on a pass
	$(Q)MV_QEMU=$(QEMU) $(LABTOOL) grade-one --lab $(LAB) --test $(TEST)

# The template repository of lab LAB for GitHub Classroom: the starter tree (FILLED=K as
# for `make starter`) and its .github/workflows/classroom.yml, in build/classroom/labN.
classroom: $(DEPS_STAMP) ## Write lab LAB's GitHub Classroom template repository (starter + workflow) to build/classroom/labLAB
	$(Q)$(LABTOOL) starter --out $(BUILD)/classroom/lab$(LAB) --filled-upto $(or $(FILLED),0)
	$(Q)$(LABTOOL) classroom --lab $(LAB) --tree $(BUILD)/classroom/lab$(LAB)

prairielearn: $(DEPS_STAMP) ## Write lab LAB's PrairieLearn external grader (image, course files, question) to build/prairielearn/labLAB
	$(Q)$(LABTOOL) prairielearn --lab $(LAB) --earlier $(or $(EARLIER),submission)

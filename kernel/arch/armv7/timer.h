/** @file timer.h @brief Generic timer driver (arch-internal). */
#ifndef MV_TIMER_H
#define MV_TIMER_H
/** @brief Read the counter frequency and disable PL0 access. */
void timer_init(void);
/** @brief Disarm the timer after it fired (the scheduler re-arms it). */
void timer_ack(void);
#endif

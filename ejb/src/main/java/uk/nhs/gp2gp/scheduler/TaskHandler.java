package uk.nhs.gp2gp.scheduler;

/**
 * Does one kind of scheduled work (a CDI bean; each kind once). {@link #run} is called in a
 * transaction of its own; throwing rolls it back and the task is tried again later.
 */
public interface TaskHandler {

    String kind();

    void run(String reference);
}

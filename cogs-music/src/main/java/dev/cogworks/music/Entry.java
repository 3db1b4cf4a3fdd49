package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.track.AudioTrack;

/** A song in a queue with its loaded LavaPlayer track (a fresh clone is played each time). */
record Entry(Song song, AudioTrack track) {
  Entry fresh() {
    return new Entry(song, track == null ? null : track.makeClone());
  }
}
